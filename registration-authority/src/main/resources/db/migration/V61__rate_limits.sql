-- Fixed-window attempt counters shared by every instance (public revocation, unblock codes): one row
-- per bucket ("revocation-code:holder:<id>", "revocation-code:address:<ip>"...), counted by one
-- atomic upsert, so that two instances cannot both let the 6th attempt through.
create table rate_limit (
    bucket       text primary key,
    window_start timestamptz not null,
    hits         integer     not null
);
