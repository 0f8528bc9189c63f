-- The recovery job looks for serials reserved ('pending') longer ago than its grace period; the
-- revocation watcher of each instance for revocations of the last minutes, on any CA.
create index certificate_pending_idx on certificate (created_at) where status = 'pending';
create index certificate_revoked_at_idx on certificate (revoked_at) where status = 'revoked';
