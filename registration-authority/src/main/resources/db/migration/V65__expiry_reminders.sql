-- Reminders sent before a card's certificates or the card itself expire, 90 and 30 days ahead: the
-- primary key makes each reminder happen once, whichever instance of a cluster inserts it first
-- (insert ... on conflict do nothing returning). The expiry is part of the key, so that renewed
-- certificates get their own reminders.
create table expiry_reminder (
    card_id        uuid        not null references card (id),
    subject        text        not null check (subject in ('certificates', 'card')),
    threshold_days integer     not null check (threshold_days in (90, 30)),
    expires_at     timestamptz not null,
    sent_at        timestamptz not null,
    primary key (card_id, subject, threshold_days, expires_at)
);
