-- A serial is recorded ('pending', no DER yet) in its own transaction before the CA key signs:
-- a certificate that got signed can then never be unknown to the records, even if the process
-- dies before its DER is stored. A pending serial can be revoked (and so appears on CRLs).
alter table certificate alter column der drop not null;
alter table certificate alter column fingerprint_sha256 drop not null;
alter table certificate drop constraint certificate_status_check;
alter table certificate add constraint certificate_status_check check (status in ('pending', 'good', 'revoked'));
alter table certificate add constraint certificate_der_check check (
    (der is null) = (fingerprint_sha256 is null)
    and (status <> 'pending' or der is null)
    and (status <> 'good' or der is not null));
