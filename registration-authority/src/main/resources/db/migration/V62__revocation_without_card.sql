-- Revocation without the card (issue 17). The personal revocation code is shown once at hand-over;
-- only its Argon2id hash (salt inside) is kept. A one-time link mailed to the holder's registered
-- address is kept as the SHA-256 of its 256-bit token.
create table card_revocation_code (
    card_id    uuid primary key references card (id),
    code_hash  text        not null,
    issued_at  timestamptz not null,
    used_at    timestamptz
);

create table card_revocation_link (
    token_hash text primary key,
    person_id  uuid        not null references person (id),
    reason     text        not null check (reason in ('loss', 'theft')),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create index card_revocation_link_person_idx on card_revocation_link (person_id);
