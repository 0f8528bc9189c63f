-- Collectivities as reference data: search by name, the mayor's choice to manage cards personally,
-- the legal form of an EPCI (CC, CA, CU, METRO...) from the official dataset.

-- Article VI of the CARTES convention: the mayor names at least one delegate "si le maire ne
-- remplit pas cette fonction lui-même". True when the mayor manages the cards personally.
alter table collectivity add column mayor_manages_cards boolean not null default false;
alter table collectivity add column legal_form text;

-- The key a name is searched by: lower case, without accents, apostrophes and hyphens as spaces,
-- so that "chapelle d arm" finds "La Chapelle-d'Armentières". Immutable, hence usable in a
-- generated column and an index; queries apply the same function to what the user typed.
create function collectivity_search_key(name text) returns text
    language sql immutable strict parallel safe
    as $$
        select btrim(regexp_replace(
            replace(replace(translate(lower(name),
                'àáâãäåāçćèéêëēìíîïīñòóôõöøōùúûüūýÿ''’-',
                'aaaaaaacceeeeeiiiiinooooooouuuuuyy   '), 'œ', 'oe'), 'æ', 'ae'),
            '\s+', ' ', 'g'))
    $$;

alter table collectivity add column search_key text generated always as (collectivity_search_key(name)) stored;
create index collectivity_search_key_idx on collectivity (search_key text_pattern_ops, id);
create index collectivity_member_member_idx on collectivity_member (member_id);
