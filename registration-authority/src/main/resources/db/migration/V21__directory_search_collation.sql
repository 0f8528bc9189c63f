-- Folded names compare byte by byte (collation "C") whatever the database's default collation:
-- the names that start with a prefix are then one contiguous range of the (search_name, id)
-- index, which a prefix search reads in order and stops after one page. A generated column's
-- type cannot be altered, so it is dropped (with its indexes) and generated again.
alter table person drop column search_name;
alter table person add column search_name text collate "C"
    generated always as (directory_fold(coalesce(usual_name || ' ', '') || birth_name || ' ' || given_names)) stored;
create index person_search_name_trgm_idx on person using gin (search_name gin_trgm_ops);
create index person_search_order_idx on person (search_name, id);
