-- The registration authority's core reference data: the registration offices, the collectivities
-- they serve, the people of the directory and the roles they hold. Features extend these tables
-- in their own migrations (conventions V10+, directory V20+, habilitations V30+, security V40+).

create table registration_office (
    id          uuid primary key,
    code        text        not null unique,                -- e.g. PREF-59
    name        text        not null,                       -- e.g. Préfecture du Nord
    department  text        not null,                       -- INSEE department code: 01..95, 2A, 2B, 971..976
    version     bigint      not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table collectivity (
    id                     uuid primary key,
    kind                   text        not null check (kind in ('commune', 'epci', 'municipal_police_grouping')),
    insee_code             text unique,                     -- communes only: 5 characters, 2A/2B for Corsica
    siren                  text unique,                     -- 9 digits, Luhn-checked by the application
    name                   text        not null,
    department             text        not null,
    registration_office_id uuid references registration_office (id),
    -- A major non-conformity of the security questionnaire suspends the trust roles of the
    -- collectivity: its mayor and delegates can no longer order or hand over cards.
    trust_suspended        boolean     not null default false,
    version                bigint      not null default 0,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    check ((kind = 'commune') = (insee_code is not null))
);

create index collectivity_office_idx on collectivity (registration_office_id);
create index collectivity_department_idx on collectivity (department);

-- The members of a grouping (an EPCI, a shared municipal police of several communes).
create table collectivity_member (
    grouping_id uuid not null references collectivity (id),
    member_id   uuid not null references collectivity (id),
    primary key (grouping_id, member_id),
    check (grouping_id <> member_id)
);

create table person (
    id             uuid primary key,
    -- The serialNumber attribute of the person's certificates: how a client certificate is
    -- tied to a person. Never reused.
    holder_id      text        not null unique,
    -- Civil-status names exactly as on the identity document (accents, hyphens, apostrophes kept).
    birth_name     text        not null,
    usual_name     text,
    given_names    text        not null,
    birth_date     date,
    birth_place    text,
    email          text,
    status         text        not null default 'active' check (status in ('active', 'departed')),
    departed_at    timestamptz,
    version        bigint      not null default 0,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    check ((status = 'departed') = (departed_at is not null))
);

-- The roles a person holds: mayor, delegate or agent of a collectivity; registration officer of an
-- office; national administrator or auditor (no scope). Ended, never deleted (the audit needs them).
create table role_assignment (
    id                     uuid primary key,
    person_id              uuid        not null references person (id),
    role                   text        not null check (role in ('mayor', 'delegate', 'agent', 'registration_officer',
                                                                 'national_administrator', 'auditor')),
    collectivity_id        uuid references collectivity (id),
    registration_office_id uuid references registration_office (id),
    service                text,                            -- agents: e.g. "État civil", "Police municipale"
    job_title              text,                            -- agents: e.g. "Officier d'état civil"
    starts_on              date        not null,
    ends_on                date,
    version                bigint      not null default 0,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    check ((role in ('mayor', 'delegate', 'agent')) = (collectivity_id is not null)),
    check ((role = 'registration_officer') = (registration_office_id is not null)),
    check (ends_on is null or ends_on >= starts_on)
);

create index role_assignment_person_idx on role_assignment (person_id);
create index role_assignment_collectivity_idx on role_assignment (collectivity_id, role);
-- One mayor per commune at a time.
create unique index role_assignment_one_mayor_idx on role_assignment (collectivity_id) where role = 'mayor' and ends_on is null;
