-- The certificates a renewal superseded (revoked, reason superseded), each with the renewal that did
-- it: its card and Idempotency-Key, and when. For cartes.renewal.replay-window after that, the old
-- authentication certificate may still authenticate one request: the replay of that very renewal
-- (same card, same key, and the idempotency layer checks the same body), so that a holder whose
-- answer was lost gets their new certificates. Written in the renewal's transaction.
create table renewal_supersession (
    superseded_serial text        primary key,
    card_id           uuid        not null references card (id),
    idempotency_key   text        not null,
    superseded_at     timestamptz not null
);
