package fr.cartesagents.ra.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.directory.PersonQueries;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code terms_of_use}, {@code card_hand_over} and {@code card_activation_challenge} tables, and the holder's names. */
@Repository
class DeliveryRepository {

    private final DatabaseClient database;
    private final PersonQueries people;
    private final CollectivityQueries collectivities;

    DeliveryRepository(DatabaseClient database, PersonQueries people, CollectivityQueries collectivities) {
        this.database = database;
        this.people = people;
        this.collectivities = collectivities;
    }

    /** The latest published terms of use. */
    Mono<TermsOfUse> currentTerms(Instant now) {
        return database.sql("select version, published_at, text from terms_of_use where published_at <= :now"
                        + " order by published_at desc, version desc limit 1")
                .bind("now", utc(now))
                .map(row -> new TermsOfUse(row.get("version", String.class), row.get("published_at", OffsetDateTime.class).toInstant(),
                        row.get("text", String.class)))
                .one();
    }

    /** The holder and their collectivity, from their owners (directory, collectivity). */
    Mono<HandOverReceipt.Parties> parties(UUID personId, UUID collectivityId) {
        return people.record(personId).zipWith(collectivities.facts(collectivityId), (person, collectivity) ->
                new HandOverReceipt.Parties(person.givenNames(), person.birthName(), person.holderId(), collectivity.name(),
                        collectivity.siren()));
    }

    Mono<IdentityCheck.HolderNames> holderNames(UUID personId) {
        return people.record(personId).map(person -> new IdentityCheck.HolderNames(person.birthName(),
                person.usualName().orElse(null), person.givenNames()));
    }

    Mono<Void> insertHandOver(StoredHandOver handOver) {
        return database.sql("insert into card_hand_over (card_id, document_kind, document_expires_on, document_sealed,"
                        + " document_copy_sealed, terms_version, receipt, receipt_signature, handed_over_at, handed_over_by, retain_until)"
                        + " values (:card, :kind, :expiresOn, :document, :copy, :terms, :receipt, :signature, :at, :by, :retainUntil)")
                .bind("card", handOver.cardId()).bind("kind", handOver.documentKind()).bind("expiresOn", handOver.documentExpiresOn())
                .bind("document", handOver.documentSealed()).bind("copy", handOver.documentCopySealed())
                .bind("terms", handOver.termsVersion()).bind("receipt", handOver.receipt())
                .bind("signature", handOver.receiptSignature()).bind("at", utc(handOver.handedOverAt()))
                .bind("by", handOver.handedOverBy()).bind("retainUntil", handOver.retainUntil())
                .then();
    }

    Mono<StoredHandOver> findHandOver(UUID cardId) {
        return database.sql("select * from card_hand_over where card_id = :card").bind("card", cardId)
                .map(row -> new StoredHandOver(row.get("card_id", UUID.class), row.get("document_kind", String.class),
                        row.get("document_expires_on", LocalDate.class), row.get("document_sealed", byte[].class),
                        row.get("document_copy_sealed", byte[].class), row.get("terms_version", String.class),
                        row.get("receipt", byte[].class), row.get("receipt_signature", byte[].class),
                        row.get("handed_over_at", OffsetDateTime.class).toInstant(), row.get("handed_over_by", String.class),
                        row.get("retain_until", LocalDate.class),
                        java.util.Optional.ofNullable(row.get("documents_deleted_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant)))
                .one();
    }

    /**
     * Deletes the identity documents (details and copy) of up to {@code batch} hand-overs whose
     * retention ended before {@code today}, in one statement: the rows are claimed with {@code skip
     * locked}, so two instances at once never delete the same one twice. The hand-over row stays.
     */
    Flux<DeletedDocument> deleteDocumentsRetainedBefore(LocalDate today, Instant now, int batch) {
        return database.sql("update card_hand_over h set document_sealed = null, document_copy_sealed = null, documents_deleted_at = :now"
                        + " from (select card_id from card_hand_over where documents_deleted_at is null and retain_until < :today"
                        + "   order by retain_until, card_id limit :batch for update skip locked) due"
                        + " where h.card_id = due.card_id and h.documents_deleted_at is null"
                        + " returning h.card_id, h.document_kind, h.retain_until")
                .bind("now", utc(now)).bind("today", today).bind("batch", batch)
                .map(row -> new DeletedDocument(row.get("card_id", UUID.class), row.get("document_kind", String.class),
                        row.get("retain_until", LocalDate.class)))
                .all();
    }

    /** A hand-over whose identity document {@link #deleteDocumentsRetainedBefore} deleted. */
    record DeletedDocument(UUID cardId, String documentKind, LocalDate retainedUntil) {
    }

    /** Replaces the card's pending activation challenge. */
    Mono<Void> putChallenge(UUID cardId, byte[] challenge, Instant expiresAt) {
        return database.sql("insert into card_activation_challenge (card_id, challenge, expires_at) values (:card, :challenge, :expires)"
                        + " on conflict (card_id) do update set challenge = excluded.challenge, expires_at = excluded.expires_at")
                .bind("card", cardId).bind("challenge", challenge).bind("expires", utc(expiresAt))
                .then();
    }

    /** Takes the card's challenge if it is still valid: it can be answered once only. Empty when none is. */
    Mono<byte[]> takeChallenge(UUID cardId, Instant now) {
        return database.sql("delete from card_activation_challenge where card_id = :card returning challenge, expires_at")
                .bind("card", cardId)
                .map(row -> row.get("expires_at", OffsetDateTime.class).toInstant().isAfter(now)
                        ? row.get("challenge", byte[].class) : new byte[0])
                .one()
                .filter(challenge -> challenge.length > 0);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
