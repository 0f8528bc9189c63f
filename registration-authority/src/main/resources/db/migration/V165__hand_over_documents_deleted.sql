-- The identity document of a hand-over (its number and MRZ, then its copy) is deleted once its
-- retention ends (retain_until, issue 11): delivery.IdentityDocumentPurge nulls both sealed values
-- and records when. The rest of the hand-over (kind, terms, the signed receipt) stays: it proves the
-- hand-over took place. Written by the feature `delivery` only.
alter table card_hand_over
    alter column document_sealed drop not null,
    alter column document_copy_sealed drop not null,
    add column documents_deleted_at timestamptz,
    add constraint card_hand_over_documents_kept_or_deleted check (
        (documents_deleted_at is null and document_sealed is not null and document_copy_sealed is not null)
        or (documents_deleted_at is not null and document_sealed is null and document_copy_sealed is null));

-- What the purge looks for: documents still kept, by the end of their retention.
create index card_hand_over_retained_idx on card_hand_over (retain_until) where documents_deleted_at is null;

