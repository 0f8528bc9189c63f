-- A habilitation a mayor or delegate asks for themselves: it waits for another manager of the
-- collectivity (the mayor, another delegate, a national administrator) to approve it (four eyes).
-- Decided once, never deleted: who asked, who decided and the habilitation it gave stay on record.
create table habilitation_request (
    id                   uuid primary key,
    collectivity_id      uuid        not null references collectivity (id),
    person_id            uuid        not null references person (id),
    application          text        not null,
    level                text        not null,
    status               text        not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
    requested_at         timestamptz not null,
    requested_by         text        not null,              -- audit name of the asking actor
    decided_at           timestamptz,
    decided_by           text,
    decided_by_person    uuid references person (id),
    habilitation_id      uuid references habilitation (id),
    version              bigint      not null default 0,
    check ((status = 'pending') = (decided_at is null)),
    check ((status = 'approved') = (habilitation_id is not null))
);

-- One pending request per person, application and level in a collectivity.
create unique index habilitation_request_one_pending_idx on habilitation_request (collectivity_id, person_id, application, level)
    where status = 'pending';
create index habilitation_request_collectivity_idx on habilitation_request (collectivity_id, status, requested_at);
