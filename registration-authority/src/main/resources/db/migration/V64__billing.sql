-- Billing (CARTES convention, annex 1): a line per charged service, written in the transaction of
-- the order that charges it (a replacement card, 30 € HT); reader deliveries counted against the
-- annex's allotment (one reader per civil-status workstation for COMEDEC, two per town hall for TES).
create table billing_line (
    id              uuid primary key,
    collectivity_id uuid        not null references collectivity (id),
    order_id        uuid references card_order (id),
    item            text        not null,                 -- e.g. card-replacement:loss
    amount_cents    integer     not null check (amount_cents >= 0),   -- euro cents, before tax
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null
);

create index billing_line_collectivity_idx on billing_line (collectivity_id, occurred_at, id);
create unique index billing_line_one_per_order_item_idx on billing_line (order_id, item) where order_id is not null;

create table reader_delivery (
    id              uuid primary key,
    collectivity_id uuid        not null references collectivity (id),
    application     text        not null check (application in ('comedec', 'tes')),
    quantity        integer     not null check (quantity > 0),
    delivered_at    timestamptz not null,
    delivered_by    text        not null
);

create index reader_delivery_collectivity_idx on reader_delivery (collectivity_id);
