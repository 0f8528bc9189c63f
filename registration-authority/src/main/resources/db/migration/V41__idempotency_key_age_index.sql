-- The purge of expired idempotency keys (IdempotencyKeyPurge) deletes by age.
create index idempotency_key_created_at_idx on idempotency_key (created_at);
