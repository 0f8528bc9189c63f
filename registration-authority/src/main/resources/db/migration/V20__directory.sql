-- The directory (annuaire): search over people's names, ending roles and delegations at once,
-- and the "one delegate unless the mayor manages cards" rule.

-- Both ship with PostgreSQL's contrib (and with the embedded binaries); both are "trusted"
-- extensions since PostgreSQL 13, so the owner of the database may create them.
create extension if not exists pg_trgm with schema public;
create extension if not exists unaccent with schema public;

-- How names are compared in a search: lower case, without accents or ligatures (unaccent's
-- rules: é → e, œ → oe, ß → ss), apostrophes dropped (N'Diaye → ndiaye), hyphens and runs of
-- spaces as one space. unaccent() itself is only "stable" (its dictionary could change), so this
-- wrapper names the dictionary and is declared immutable, which an index and a generated column
-- need. The search parameter is folded by the same function, so both sides always agree.
create function directory_fold(value text) returns text
    language sql immutable parallel safe strict
    as $$ select btrim(regexp_replace(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)),
                                                       '[''’ʼ]', '', 'g'),
                                        '[[:space:]-]+', ' ', 'g')) $$;

-- The folded names, kept by the database itself (so bulk loads and direct inserts get it too):
-- usual name first (what people are called and sorted by), then birth name and given names.
alter table person add column search_name text
    generated always as (directory_fold(coalesce(usual_name || ' ', '') || birth_name || ' ' || given_names)) stored;

-- Substring and prefix searches ("lefevre" finds "Lefèvre-Saint-Éloi") through trigrams...
create index person_search_name_trgm_idx on person using gin (search_name gin_trgm_ops);
-- ...and the stable order of a result page (keyset: search_name, id).
create index person_search_order_idx on person (search_name, id);
-- Role assignments of a person, the agent membership first looked up by person.
create index role_assignment_person_role_idx on role_assignment (person_id, role, collectivity_id);

-- A role or delegation ended "at once" ends yesterday (its end date is the last day it is held, as
-- the authorization rules read it); one that had not started yet ends the day before it would
-- have started, an empty period. So the end date may be one day before the start date.
do $$
declare
    old_check record;
begin
    for old_check in
        select conname, conrelid::regclass as table_name from pg_constraint
        where conrelid in ('role_assignment'::regclass, 'delegation'::regclass) and contype = 'c'
          and pg_get_constraintdef(oid) like '%(ends_on >= starts_on)%'
    loop
        execute format('alter table %s drop constraint %I', old_check.table_name, old_check.conname);
    end loop;
end $$;
alter table role_assignment add constraint role_assignment_period_check check (ends_on is null or ends_on >= starts_on - 1);
alter table delegation add constraint delegation_period_check check (ends_on is null or ends_on >= starts_on - 1);

-- One open assignment of a role per person and place (a second appointment is a duplicate).
create unique index role_assignment_one_open_idx on role_assignment
    (person_id, role, coalesce(collectivity_id, registration_office_id, '00000000-0000-0000-0000-000000000000'::uuid))
    where ends_on is null;
-- One open delegation of a kind per person and collectivity.
create unique index delegation_one_open_idx on delegation (person_id, collectivity_id, kind) where ends_on is null;

-- The mayor may manage the cards personally instead of appointing a delegate (convention CARTES,
-- article VI). The territory feature owns this column; added here too in case it is not there yet.
alter table collectivity add column if not exists mayor_manages_cards boolean not null default false;
