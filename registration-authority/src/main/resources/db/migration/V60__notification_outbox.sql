-- E-mails to send, written in the transaction of the change they announce (an outbox): a rolled
-- back change sends nothing, a committed one is sent even if the server stops right after. Any
-- instance may send: a sender claims rows with "for update skip locked" and a lease (claimed_until).
create table notification_outbox (
    id            uuid primary key,
    template      text        not null,                  -- mail/<template>.mustache
    recipient     text        not null,                  -- an e-mail address
    model         jsonb       not null,                  -- the template's values (no secret)
    -- Values that must not outlive the sending (unblock codes, one-time links): wiped once the
    -- message is sent or given up.
    secret_model  jsonb,
    created_at    timestamptz not null,
    due_at        timestamptz not null,
    attempts      integer     not null default 0,
    claimed_until timestamptz,
    sent_at       timestamptz,
    failed_at     timestamptz,
    last_error    text,
    check (sent_at is null or failed_at is null)
);

create index notification_outbox_due_idx on notification_outbox (due_at) where sent_at is null and failed_at is null;
