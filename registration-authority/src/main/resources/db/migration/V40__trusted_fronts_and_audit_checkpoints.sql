-- Security: the fronts (reverse proxy, card portal) trusted to forward a user's certificate, and the
-- signed checkpoints of the audit trail's hash chain.

-- A front is trusted by the SHA-256 fingerprint of the TLS client certificate it connects with
-- (also configurable in cartes.security.trusted-fronts).
create table trusted_front (
    fingerprint_sha256 text primary key,                    -- lowercase hex
    label              text        not null,
    created_at         timestamptz not null default now()
);

-- A checkpoint seals the chain up to one event: its id and hash, when, signed (CMS SignedData,
-- the signer's certificate inside) by the audit signing key. Rewriting history before a
-- checkpoint would need that key.
create table audit_checkpoint (
    id              bigserial primary key,
    last_event_id   bigint      not null,
    last_event_hash text        not null,
    signed_at       timestamptz not null,
    signature       bytea       not null,
    created_at      timestamptz not null default now()
);

create index audit_checkpoint_event_idx on audit_checkpoint (last_event_id);
-- Filters of GET /api/v1/audit/events.
create index audit_event_action_idx on audit_event (action, id);
create index audit_event_time_idx on audit_event (occurred_at, id);
