-- Sessions of the card portal, kept in PostgreSQL so that any server node behind the front knows
-- them and a logout or an expiry takes effect everywhere at once (a signed stateless cookie could
-- not be ended before its expiry, and inactivity could not be measured without rewriting it).
create table portal_session (
    -- SHA-256 of the cookie value: a copy of this table gives no usable cookie.
    token_hash      bytea       primary key,
    login_kind      text        not null check (login_kind in ('card_certificate', 'demo')),
    -- card_certificate: the DER of the card's authentication certificate the session was opened
    -- with, checked again against the certificate records on every request.
    certificate     bytea,
    certificate_presented_directly boolean,
    -- demo: the seeded demo person and user name.
    demo_person_id  uuid,
    demo_user       text,
    -- The synchronizer token that state-changing requests of this session repeat in X-CSRF-Token.
    csrf_token      text        not null,
    created_at      timestamptz not null,
    last_seen_at    timestamptz not null,
    -- The absolute end, whatever the activity.
    expires_at      timestamptz not null,
    check ((login_kind = 'card_certificate' and certificate is not null and certificate_presented_directly is not null)
        or (login_kind = 'demo' and demo_person_id is not null and demo_user is not null))
);

-- The clean-up job deletes ended sessions by these dates.
create index portal_session_last_seen_idx on portal_session (last_seen_at);
create index portal_session_expires_idx on portal_session (expires_at);
