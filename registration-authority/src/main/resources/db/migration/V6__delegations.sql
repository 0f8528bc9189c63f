-- Delegations the mayor gives a person of the directory, with their dates: for instance
-- "officier d'état civil délégué" (needed to sign in COMEDEC). Ended, never deleted.
create table delegation (
    id              uuid primary key,
    person_id       uuid        not null references person (id),
    collectivity_id uuid        not null references collectivity (id),
    kind            text        not null check (kind in ('officier_etat_civil', 'signature_actes',
                                                          'ordonnateur', 'police_municipale')),
    starts_on       date        not null,
    ends_on         date,
    decided_by      uuid references person (id),            -- the mayor who signed the arrêté
    reference       text,                                   -- e.g. the arrêté number
    version         bigint      not null default 0,
    created_at      timestamptz not null default now(),
    check (ends_on is null or ends_on >= starts_on)
);

create index delegation_person_idx on delegation (person_id, kind);
create index delegation_collectivity_idx on delegation (collectivity_id);
