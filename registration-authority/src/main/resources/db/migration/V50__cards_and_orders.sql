-- Card orders and cards (CARTES convention, Art. III, VI, VII and annex 1). The lifecycles are
-- transition tables in the application (order.OrderLifecycle, card.CardLifecycle); the checks below
-- keep each state's dates coherent. Owned by the features `order` (card_order) and `card` (card);
-- other features read them through card.CardQueries.

create table card_order (
    id                   uuid primary key,
    collectivity_id      uuid        not null references collectivity (id),
    person_id            uuid        not null references person (id),
    reason               text        not null check (reason in ('initial', 'renewal', 'replacement_defect', 'loss', 'theft',
                                                                 'forgotten_pin', 'additional')),
    card_profile         text        not null check (card_profile in ('standard', 'a05')),
    state                text        not null default 'requested'
                             check (state in ('requested', 'approved', 'personalized', 'delivered', 'cancelled')),
    -- Annex 1: one card per agent per 6-year period per collectivity free, a defective card replaced
    -- free, any other replacement charged (fee in euro cents, before tax). Decided at the order.
    free_of_charge       boolean     not null,
    fee_cents            integer     not null default 0 check (fee_cents >= 0),
    ordered_at           timestamptz not null,
    ordered_by           text        not null,              -- audit name of who ordered
    ordered_by_person    uuid references person (id),
    -- Who ordered in which capacity: 'collectivity' (mayor or delegate), 'office' (registration office, Art. III/VII), 'national'.
    ordered_as           text        not null check (ordered_as in ('collectivity', 'office', 'national')),
    approved_at          timestamptz,
    approved_by          text,
    personalized_at      timestamptz,
    delivered_at         timestamptz,
    cancelled_at         timestamptz,
    cancelled_by         text,
    version              bigint      not null default 0,
    updated_at           timestamptz not null default now(),
    check ((state = 'cancelled') = (cancelled_at is not null)),
    check (state not in ('approved', 'personalized', 'delivered') or approved_at is not null),
    check (state not in ('personalized', 'delivered') or personalized_at is not null),
    check ((state = 'delivered') = (delivered_at is not null)),
    check (free_of_charge = (fee_cents = 0))
);

create index card_order_collectivity_idx on card_order (collectivity_id, ordered_at desc, id);
create index card_order_person_idx on card_order (person_id);
-- One order in progress per person, collectivity and profile: a second click does not order twice.
create unique index card_order_one_open_idx on card_order (person_id, collectivity_id, card_profile)
    where state in ('requested', 'approved');

create table card (
    id                          uuid primary key,
    order_id                    uuid        not null unique references card_order (id),
    -- The chip's serial number as the card reports it: a card is personalized once.
    card_serial                 text        not null unique,
    atr                         text,                          -- hexadecimal, as read through PC/SC; absent through PKCS#11
    card_profile                text        not null check (card_profile in ('standard', 'a05')),
    person_id                   uuid        not null references person (id),
    collectivity_id             uuid        not null references collectivity (id),
    authentication_serial       text        not null unique references certificate (serial),
    signature_serial            text        not null unique references certificate (serial),
    state                       text        not null default 'personalized'
                                    check (state in ('personalized', 'delivered', 'active', 'revoked', 'expired')),
    personalized_at             timestamptz not null,
    expires_at                  timestamptz not null,      -- 6 years after personalization (Art. V)
    personalized_by             text        not null,
    delivered_at                timestamptz,
    delivered_by                text,
    activated_at                timestamptz,
    revoked_at                  timestamptz,
    revocation_reason           text,
    version                     bigint      not null default 0,
    updated_at                  timestamptz not null default now(),
    check (expires_at > personalized_at),
    check (state = 'personalized' or state = 'expired' or state = 'revoked' or delivered_at is not null),
    check (state <> 'active' or activated_at is not null),
    check ((state = 'revoked') = (revoked_at is not null and revocation_reason is not null))
);

create index card_person_idx on card (person_id);
create index card_collectivity_idx on card (collectivity_id, personalized_at desc, id);
create index card_expiry_idx on card (expires_at) where state in ('personalized', 'delivered', 'active');
