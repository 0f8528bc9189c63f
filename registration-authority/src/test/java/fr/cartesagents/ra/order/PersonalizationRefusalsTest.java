package fr.cartesagents.ra.order;

import static fr.cartesagents.ra.testsupport.TestCards.csr;
import static fr.cartesagents.ra.testsupport.TestCards.rsa;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.Map;
import java.util.UUID;

import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personalization's refusals on the whole server (issue 11: "both or neither"): a request whose
 * signature does not prove possession of its key, one key for both uses, a malformed card serial,
 * a card serial already known, an order already personalized. Each is a problem with its status and
 * leaves nothing behind: no certificate (not even a reserved serial) for the holder, no card, the
 * order still where it was.
 */
class PersonalizationRefusalsTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeEach
    void world() {
        freshCommune("Refus-" + newKey().substring(0, 6));
        activeCartesConvention();
    }

    @Test
    void whenTheRequestCannotBeHonoured_thenNeitherCertificateIsIssued_andTheOrderStaysApproved() throws Exception {
        TestPerson agent = agent("Refusée");
        UUID orderId = approvedOrder(agent);
        HttpClient office = clientOf(officer);
        KeyPair authentication = rsa();

        HttpResponse<byte[]> noPossession = personalize(office, orderId, "SIM-POP00001", csr(authentication), brokenSignature(csr(rsa())));
        assertThat(noPossession.statusCode()).as(text(noPossession)).isEqualTo(422);
        assertThat(type(noPossession)).endsWith(":issuance-refused");

        HttpResponse<byte[]> oneKey = personalize(office, orderId, "SIM-SAME0001", csr(authentication), csr(authentication));
        assertThat(oneKey.statusCode()).as(text(oneKey)).isEqualTo(422);
        assertThat(type(oneKey)).endsWith(":issuance-refused");

        HttpResponse<byte[]> badSerial = personalize(office, orderId, "<script>", csr(authentication), csr(rsa()));
        assertThat(badSerial.statusCode()).as(text(badSerial)).isEqualTo(400);

        assertNothingIssued(agent, orderId);

        // A card serial already on record: refused for another order, which stays approved
        String serial = "SIM-" + newKey().substring(0, 8).toUpperCase();
        assertThat(personalize(office, orderId, serial, csr(authentication), csr(rsa())).statusCode()).isEqualTo(201);
        TestPerson other = agent("Doublon");
        UUID otherOrder = approvedOrder(other);
        HttpResponse<byte[]> knownSerial = personalize(office, otherOrder, serial, csr(rsa()), csr(rsa()));
        assertThat(knownSerial.statusCode()).as(text(knownSerial)).isEqualTo(409);
        assertThat(type(knownSerial)).endsWith(":duplicate");
        assertNothingIssued(other, otherOrder);

        // The personalized order is not personalized a second time (another card, other keys, another key)
        HttpResponse<byte[]> again = personalize(office, orderId, "SIM-AGAIN001", csr(rsa()), csr(rsa()));
        assertThat(again.statusCode()).as(text(again)).isEqualTo(409);
        assertThat(certificatesOf(agent)).isEqualTo(2);
        assertAuditChainIntact();
    }

    private void assertNothingIssued(TestPerson holder, UUID orderId) {
        assertThat(certificatesOf(holder)).as("no certificate, not even a reserved serial").isZero();
        assertThat(database.sql("select count(*) as n from card where order_id = :o").bind("o", orderId)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
        assertThat(database.sql("select state from card_order where id = :o").bind("o", orderId)
                .map(row -> row.get("state", String.class)).one().block()).isEqualTo("approved");
    }

    private long certificatesOf(TestPerson holder) {
        return database.sql("select count(*) as n from certificate where holder_id = :h").bind("h", holder.holderId())
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private UUID approvedOrder(TestPerson holder) {
        HttpResponse<byte[]> created = postJson(clientOf(delegate), api("/api/v1/collectivities/" + commune + "/card-orders"),
                "{\"personId\": \"" + holder.id() + "\", \"reason\": \"initial\", \"cardProfile\": \"standard\"}", newKey());
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        UUID orderId = UUID.fromString(JSON.readTree(created.body()).get("id").asString());
        HttpResponse<byte[]> approved = postJson(clientOf(officer), api("/api/v1/card-orders/" + orderId + "/transitions"),
                "{\"action\": \"approve\"}", null);
        assertThat(approved.statusCode()).as(text(approved)).isEqualTo(200);
        return orderId;
    }

    private HttpResponse<byte[]> personalize(HttpClient client, UUID orderId, String cardSerial, String authenticationCsr,
                                             String signatureCsr) {
        String body = JSON.writeValueAsString(Map.of("cardSerial", cardSerial, "authenticationCsr", authenticationCsr,
                "signatureCsr", signatureCsr));
        return postJson(client, api("/api/v1/card-orders/" + orderId + "/personalization"), body, newKey());
    }

    /** The same request with one bit of its signature changed: well formed, but it proves nothing. */
    private static String brokenSignature(String csrPem) throws Exception {
        byte[] der;
        try (PemReader reader = new PemReader(new StringReader(csrPem))) {
            der = reader.readPemObject().getContent();
        }
        der[der.length - 5] ^= 0x01;
        return PemFiles.toPem("CERTIFICATE REQUEST", der);
    }

    private static String type(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body()).get("type").asString();
    }
}
