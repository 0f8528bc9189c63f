-- Blocked PINs as the server learns of them (issue 12: "cartes bloquées" on the dashboard). A PIN
-- blocks on the card only; the server knows it when an unblock is asked for the card, and knows it
-- is over when the bridge reports the unblock done after the secret was released, or when the card
-- logs in again. Written by the card feature (card.CardTransitions) only.
alter table card add column pin_blocked_since timestamptz;

create index card_pin_blocked_idx on card (collectivity_id) where pin_blocked_since is not null;

-- When the card's unblock secret was released with this code (used_at also marks withdrawn codes).
alter table card_unblock_code add column released_at timestamptz;
