package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collections;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11: the identity documents kept from the hand-overs are deleted once their retention has ended
 * (once, with one audit event, even when two instances purge at the same moment), the hand-over record
 * stays, and reading the document back answers a 404 problem; a document within its retention is kept.
 */
class IdentityDocumentPurgeTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private IdentityDocumentPurge purge;

    @Autowired
    private DocumentVaults vaults;

    @BeforeEach
    void world() {
        freshCommune("Conservation-" + newKey().substring(0, 6));
    }

    @Test
    void whenTheRetentionOfADocumentHasEnded_thenItIsDeletedOnceAndAudited_andTheReceiptAndTheDocumentsWithinRetentionStay() {
        UUID ended = handedOver(personalizedCardOf(agent("Échue")).id(), "C01ECHUE1", LocalDate.now().minusDays(2));
        UUID kept = handedOver(personalizedCardOf(agent("Conservée")).id(), "C02GARDE2", LocalDate.now().plusYears(7));

        Mono.zip(purge.purgeDue().subscribeOn(Schedulers.boundedElastic()),
                purge.purgeDue().subscribeOn(Schedulers.boundedElastic())).block();
        purge.purgeDue().block();

        assertThat(stored(ended, "document_sealed")).as("details deleted").isNull();
        assertThat(stored(ended, "document_copy_sealed")).as("copy deleted").isNull();
        assertThat(stored(ended, "receipt")).as("the signed receipt stays").isNotNull();
        assertThat(Collections.frequency(auditActions("card:" + ended), "card.identity-document-deleted")).isEqualTo(1);
        String details = database.sql("select details::text as d from audit_event where target = :t"
                        + " and action = 'card.identity-document-deleted'").bind("t", "card:" + ended)
                .map(row -> row.get("d", String.class)).one().block();
        assertThat(details).contains("cni").doesNotContain("C01ECHUE1");
        HttpClient office = clientOf(officer);
        HttpResponse<byte[]> gone = get(office, api("/api/v1/cards/" + ended + "/identity-document"));
        assertThat(gone.statusCode()).as(text(gone)).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(text(gone)).doesNotContain("C01ECHUE1");

        assertThat(stored(kept, "document_sealed")).as("within its retention").isNotNull();
        assertThat(auditActions("card:" + kept)).doesNotContain("card.identity-document-deleted");
        HttpResponse<byte[]> read = get(office, api("/api/v1/cards/" + kept + "/identity-document"));
        assertThat(read.statusCode()).as(text(read)).isEqualTo(200);
        JsonNode document = JSON.readTree(read.body());
        assertThat(document.get("number").asString()).isEqualTo("C02GARDE2");
        assertThat(Base64.getDecoder().decode(document.get("documentCopy").asString())).isEqualTo(copy("C02GARDE2"));
        assertAuditChainIntact();
    }

    /** Records the card's hand-over as the hand-over service stores it, the retention ending on {@code retainUntil}. */
    private UUID handedOver(UUID cardId, String number, LocalDate retainUntil) {
        byte[] details = ("{\"kind\":\"cni\",\"number\":\"" + number + "\",\"expiresOn\":\"2030-01-01\",\"mrz\":\"\"}")
                .getBytes(StandardCharsets.UTF_8);
        database.sql("update card set state = 'delivered', delivered_at = now(), delivered_by = 'test' where id = :id")
                .bind("id", cardId).then().block();
        database.sql("insert into card_hand_over (card_id, document_kind, document_expires_on, document_sealed, document_copy_sealed,"
                        + " terms_version, receipt, receipt_signature, handed_over_at, handed_over_by, retain_until)"
                        + " values (:card, 'cni', '2030-01-01', :document, :copy, '2026-01', :receipt, :signature, now(), 'test', :retain)")
                .bind("card", cardId)
                .bind("document", vaults.require().seal(details, StoredHandOver.documentBinding(cardId)))
                .bind("copy", vaults.require().seal(copy(number), StoredHandOver.copyBinding(cardId)))
                .bind("receipt", "receipt".getBytes(StandardCharsets.UTF_8)).bind("signature", new byte[] {1})
                .bind("retain", retainUntil)
                .then().block();
        return cardId;
    }

    private static byte[] copy(String number) {
        return ("scan of " + number).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] stored(UUID cardId, String column) {
        return database.sql("select " + column + " as v from card_hand_over where card_id = :id").bind("id", cardId)
                .map(row -> java.util.Optional.ofNullable(row.get("v", byte[].class))).one().block().orElse(null);
    }
}
