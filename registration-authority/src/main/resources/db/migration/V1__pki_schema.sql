-- The certificate authority's records: CAs, issued certificates and their status, CRLs,
-- the hash-chained audit trail and the idempotency keys of the admin API.

create table certificate_authority (
    id                 text primary key,                    -- the id used in URLs: root, act, ocsp
    role               text        not null check (role in ('root', 'issuing', 'ocsp')),
    subject            text        not null,
    certificate        bytea       not null,                -- DER
    fingerprint_sha256 text        not null unique,
    not_before         timestamptz not null,
    not_after          timestamptz not null,
    created_at         timestamptz not null default now()
);

create table certificate (
    serial             text primary key,                    -- lowercase hexadecimal, no leading zero
    ca_id              text        not null references certificate_authority (id),
    profile            text        not null,
    subject            text        not null,
    holder_id          text,
    not_before         timestamptz not null,
    not_after          timestamptz not null,
    der                bytea       not null,
    fingerprint_sha256 text        not null unique,
    status             text        not null default 'good' check (status in ('good', 'revoked')),
    revoked_at         timestamptz,
    revocation_reason  text,
    invalidity_date    timestamptz,
    created_at         timestamptz not null default now(),
    check ((status = 'revoked') = (revoked_at is not null and revocation_reason is not null))
);

create index certificate_revoked_idx on certificate (ca_id, revoked_at) where status = 'revoked';
create index certificate_holder_idx on certificate (holder_id);

create table crl (
    ca_id       text        not null references certificate_authority (id),
    number      numeric     not null,
    delta       boolean     not null,
    base_number numeric,
    this_update timestamptz not null,
    next_update timestamptz not null,
    der         bytea       not null,
    created_at  timestamptz not null default now(),
    primary key (ca_id, number),
    check (delta = (base_number is not null))
);

create table administrator (
    fingerprint_sha256 text primary key,                    -- of the client certificate, lowercase hex
    label              text        not null,
    created_at         timestamptz not null default now()
);

create table audit_event (
    id            bigserial primary key,
    occurred_at   timestamptz not null,
    actor         text        not null,
    action        text        not null,
    target        text        not null,
    details       jsonb       not null,
    previous_hash text        not null,
    hash          text        not null unique
);

create table idempotency_key (
    principal       text        not null,
    key             text        not null,
    request_hash    text        not null,
    response_status integer     not null,
    response_body   text        not null,
    created_at      timestamptz not null default now(),
    primary key (principal, key)
);
