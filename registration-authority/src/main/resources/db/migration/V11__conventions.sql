-- Conventions between collectivities and the national agencies: CARTES (ANTS cards), COMEDEC
-- (civil-status exchanges), PVE (ANTAI electronic tickets). The lifecycle is a state machine in
-- the application (convention.ConventionTransitions); the checks below keep the dates coherent.
create table convention (
    id                          uuid primary key,
    kind                        text        not null check (kind in ('cartes', 'comedec', 'pve')),
    reference                   text,                       -- e.g. the council's deliberation number
    state                       text        not null default 'draft'
                                    check (state in ('draft', 'signed', 'active', 'suspended', 'termination_requested', 'terminated')),
    signed_on                   date,                       -- starts the 6-year term, renewed tacitly by 6-year periods
    activated_on                date,
    termination_requested_on    date,
    terminates_on               date,                       -- the request date plus the 3 months' notice
    -- Set when this (CARTES) convention was suspended because a COMEDEC convention of the same
    -- commune was suspended or terminated: reactivating that COMEDEC convention lifts it.
    suspended_by_convention_id  uuid references convention (id),
    -- Annex: the size of the site.
    officers                    integer check (officers >= 0),
    agents                      integer check (agents >= 0),
    workstations                integer check (workstations >= 0),
    version                     bigint      not null default 0,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    check ((state = 'draft') = (signed_on is null)),
    check ((state in ('termination_requested', 'terminated')) = (terminates_on is not null)),
    check (suspended_by_convention_id is null or state = 'suspended')
);

-- The collectivities party to a convention (one commune for CARTES and COMEDEC; one or more for
-- PVE, as the shared municipal police of Armentières and La Chapelle-d'Armentières).
create table convention_party (
    convention_id   uuid not null references convention (id),
    collectivity_id uuid not null references collectivity (id),
    primary key (convention_id, collectivity_id)
);
create index convention_party_collectivity_idx on convention_party (collectivity_id);

-- Annex: the delegates the mayor designates to receive and manage the cards.
create table convention_delegate (
    convention_id uuid not null references convention (id),
    person_id     uuid not null references person (id),
    primary key (convention_id, person_id)
);

-- The termination job looks only at conventions whose notice runs.
create index convention_due_termination_idx on convention (terminates_on) where state = 'termination_requested';
create index convention_suspended_by_idx on convention (suspended_by_convention_id) where suspended_by_convention_id is not null;
