-- The audit trail says on whose behalf and from where: the collectivity the actor acted for
-- (when the change concerns one) and the address the request came from.
alter table audit_event add column collectivity_id uuid;
alter table audit_event add column remote_address text;
create index audit_event_collectivity_idx on audit_event (collectivity_id, id);
create index audit_event_target_idx on audit_event (target, id);
