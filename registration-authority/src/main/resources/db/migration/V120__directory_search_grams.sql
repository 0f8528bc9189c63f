-- Name search by trigram, in name order. A substring search ("art", "martin") must return its
-- first page in the order (search_name, id); the GIN trigram index of V20 finds the matches but
-- not in that order, so every match was fetched and sorted (2,500 rows for a frequent surname,
-- tens of thousands for a 3-letter substring). This table lists, for each distinct three-character
-- window of a person's folded name (spaces included), the name and the person, in index order
-- (gram, search_name, person_id): every person whose name contains a text of 3 characters or more
-- is in the range of any one of that text's windows, already sorted by name, so a search reads
-- the range of its rarest window in order and stops after one page.

-- The distinct three-character windows of a folded name (none when it is shorter than 3).
create function directory_search_grams(folded text) returns text[]
    language sql immutable parallel safe strict
    as $$ select coalesce(array_agg(distinct substr(folded, i, 3)), '{}') from generate_series(1, length(folded) - 2) i $$;

-- Derived from person.search_name and kept by the triggers below in the same statement as the
-- change, whoever writes person (the directory's services, bulk loads, the demo data): never
-- written by application code, so no foreign key (its rows are only ever those of person).
create table person_search_gram (
    gram        text collate "C" not null,
    search_name text collate "C" not null,
    person_id   uuid             not null,
    primary key (gram, search_name, person_id)
);

-- Statement-level triggers with transition tables: a bulk insert of people writes its windows in
-- one sorted insert (in index order, much faster than one row at a time); an update touches only
-- the people whose folded name changed (a rename), not a change of status or e-mail.
create function person_search_gram_insert() returns trigger
    language plpgsql
    as $$
begin
    insert into person_search_gram (gram, search_name, person_id)
    select g.gram, n.search_name, n.id
    from new_people n cross join lateral unnest(directory_search_grams(n.search_name)) as g (gram)
    order by 1, 2, 3;
    return null;
end $$;

create function person_search_gram_update() returns trigger
    language plpgsql
    as $$
begin
    delete from person_search_gram s
    using old_people o join new_people n on n.id = o.id
          cross join lateral unnest(directory_search_grams(o.search_name)) as g (gram)
    where o.search_name is distinct from n.search_name
      and s.gram = g.gram and s.search_name = o.search_name and s.person_id = o.id;
    insert into person_search_gram (gram, search_name, person_id)
    select g.gram, n.search_name, n.id
    from old_people o join new_people n on n.id = o.id
         cross join lateral unnest(directory_search_grams(n.search_name)) as g (gram)
    where o.search_name is distinct from n.search_name
    order by 1, 2, 3;
    return null;
end $$;

create function person_search_gram_delete() returns trigger
    language plpgsql
    as $$
begin
    delete from person_search_gram s
    using old_people o cross join lateral unnest(directory_search_grams(o.search_name)) as g (gram)
    where s.gram = g.gram and s.search_name = o.search_name and s.person_id = o.id;
    return null;
end $$;

create trigger person_search_gram_insert after insert on person
    referencing new table as new_people for each statement execute function person_search_gram_insert();
create trigger person_search_gram_update after update on person
    referencing old table as old_people new table as new_people for each statement execute function person_search_gram_update();
create trigger person_search_gram_delete after delete on person
    referencing old table as old_people for each statement execute function person_search_gram_delete();

insert into person_search_gram (gram, search_name, person_id)
select g.gram, p.search_name, p.id
from person p cross join lateral unnest(directory_search_grams(p.search_name)) as g (gram)
order by 1, 2, 3;
