-- The security questionnaire of the "Guide SSI" (annex of the CARTES convention) answered per
-- commune, and the findings of the audits the ANTS runs. The measures and control points are
-- reference data in the application (compliance.GuideSsi); the answers name a control point by
-- its number, e.g. "8.2".
create table questionnaire (
    collectivity_id uuid primary key references collectivity (id),
    version         bigint      not null default 0,
    updated_at      timestamptz not null default now()
);

create table questionnaire_answer (
    collectivity_id uuid        not null references questionnaire (collectivity_id),
    control_point   text        not null,
    applied         boolean     not null,
    comment         text,
    answered_by     text        not null,               -- the audit name of who answered
    answered_at     timestamptz not null,
    primary key (collectivity_id, control_point)
);

-- An audit finding: a minor or major non-conformity, open until an administrator closes it. An
-- open major one suspends the trust roles of the collectivity (collectivity.trust_suspended).
create table audit_finding (
    id              uuid primary key,
    collectivity_id uuid        not null references collectivity (id),
    severity        text        not null check (severity in ('minor', 'major')),
    description     text        not null,
    found_on        date        not null,
    recorded_by     text        not null,
    closed_on       date,
    closing_note    text,
    closed_by       text,
    version         bigint      not null default 0,
    created_at      timestamptz not null default now(),
    check ((closed_on is null) = (closed_by is null)),
    check (closed_on is null or closed_on >= found_on)
);
create index audit_finding_collectivity_idx on audit_finding (collectivity_id, found_on);
create index audit_finding_open_major_idx on audit_finding (collectivity_id) where severity = 'major' and closed_on is null;
