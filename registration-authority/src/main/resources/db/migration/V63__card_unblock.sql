-- Unblock codes (Art. V: "débloquer"): one-time, short-lived, mailed to the holder, kept as Argon2id
-- hashes; and the per-card count of wrong codes that locks the remote unblock after 5.
create table card_unblock_code (
    id           uuid primary key,
    card_id      uuid        not null references card (id),
    code_hash    text        not null,
    requested_by text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);

create index card_unblock_code_open_idx on card_unblock_code (card_id) where used_at is null;

create table card_unblock_lock (
    card_id     uuid primary key references card (id),
    wrong_codes integer not null default 0 check (wrong_codes >= 0),   -- since the last success or lift
    locked_at   timestamptz
);
