-- The audit chain is built after commit (issue 15). A request appends its events in its own
-- transaction, without a lock and without a hash; one chainer at a time (AuditChainer, holding the
-- row of audit_chain_head) then gives the committed events a chain position, the previous hash and
-- their hash, in batches. The chain's order is the chainer's order (chain_position), no longer the id.

alter table audit_event add column chain_position bigint;
alter table audit_event alter column previous_hash drop not null;
alter table audit_event alter column hash drop not null;

-- The events chained so far were chained in id order: their positions follow it.
update audit_event e set chain_position = numbered.position
from (select id, row_number() over (order by id) as position from audit_event) numbered
where e.id = numbered.id;

alter table audit_event add constraint audit_event_chain_position_key unique (chain_position);
-- An event is either waiting (no position, no hashes) or chained (all three).
alter table audit_event add constraint audit_event_chained_whole
    check ((chain_position is null) = (previous_hash is null) and (chain_position is null) = (hash is null));
-- What the chainer reads: the events still waiting, oldest id first.
create index audit_event_unchained_idx on audit_event (id) where chain_position is null;

-- The chain's head: the last chained event's position, id and hash. A single row, which the chainer
-- locks (FOR UPDATE SKIP LOCKED: one instance of the cluster chains at a time, the others skip).
create table audit_chain_head (
    singleton boolean primary key default true check (singleton),
    position  bigint not null,
    event_id  bigint,
    hash      text   not null
);
insert into audit_chain_head (position, event_id, hash)
select coalesce((select max(chain_position) from audit_event), 0),
       (select id from audit_event order by chain_position desc limit 1),
       coalesce((select hash from audit_event order by chain_position desc limit 1), repeat('0', 64));

-- Where a checkpoint's event stands in the chain, so that the verification, walking the chain in its
-- order, knows when it has passed a checkpoint's event. Not signed (the statement stays the same):
-- a position changed by hand only moves the check to another event, where it fails.
alter table audit_checkpoint add column last_chain_position bigint;
update audit_checkpoint c set last_chain_position = e.chain_position from audit_event e where e.id = c.last_event_id;
