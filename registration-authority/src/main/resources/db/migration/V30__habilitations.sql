-- Habilitations: the right of a person of the directory to use an application (COMEDEC, ACTES,
-- HELIOS, SAIP, TES, PVE) for one collectivity, at a level. Withdrawn, never deleted: the history
-- (who granted, who withdrew, when) is the record the convention asks the mayor to keep.
create table habilitation (
    id                   uuid primary key,
    person_id            uuid        not null references person (id),
    collectivity_id      uuid        not null references collectivity (id),
    application          text        not null check (application in ('comedec', 'actes', 'helios', 'saip', 'tes', 'pve')),
    level                text        not null check (level in ('agent', 'officier', 'utilisateur', 'signataire',
                                                                'recueil', 'remise', 'verbalisateur')),
    status               text        not null default 'active' check (status in ('active', 'withdrawn')),
    -- ACTES and HELIOS rest on the COMEDEC habilitation held in the same collectivity when granted.
    depends_on           uuid references habilitation (id),
    granted_at           timestamptz not null,
    granted_by           text        not null,              -- audit name of the granting actor
    granted_by_person    uuid references person (id),
    withdrawn_at         timestamptz,
    withdrawn_by         text,
    withdrawn_by_person  uuid references person (id),
    withdrawal_reason    text check (withdrawal_reason in ('decision', 'departure', 'comedec_withdrawn')),
    version              bigint      not null default 0,
    check ((status = 'withdrawn') = (withdrawn_at is not null and withdrawn_by is not null and withdrawal_reason is not null)),
    check ((application in ('actes', 'helios')) = (depends_on is not null))
);

-- One active habilitation per application and collectivity (TES: one per level, recueil and remise
-- being two distinct rights a person may hold together).
create unique index habilitation_one_active_idx on habilitation (person_id, collectivity_id, application)
    where status = 'active' and application <> 'tes';
create unique index habilitation_one_active_level_idx on habilitation (person_id, collectivity_id, application, level)
    where status = 'active';
create index habilitation_collectivity_idx on habilitation (collectivity_id, status);
create index habilitation_depends_on_idx on habilitation (depends_on) where status = 'active';

-- The applications (COMEDEC, ACTES...) allowed to ask whether a certificate holder is habilitated:
-- known by the SHA-256 fingerprint of their TLS client certificate, registered by a national administrator.
create table relying_application (
    id                 uuid primary key,
    name               text        not null unique,
    fingerprint_sha256 text        not null unique,
    applications       text[]      not null,               -- the applications it may ask about
    status             text        not null default 'enabled' check (status in ('enabled', 'disabled')),
    registered_at      timestamptz not null,
    registered_by      text        not null,
    version            bigint      not null default 0,
    check (cardinality(applications) > 0)
);
