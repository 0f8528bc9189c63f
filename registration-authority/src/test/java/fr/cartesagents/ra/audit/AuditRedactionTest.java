package fr.cartesagents.ra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security finding 8 (issue 10), the audit part, over the real API: a mayor or a delegate reading
 * their collectivity's audit events sees neither the network addresses the requests came from nor
 * the certificate fingerprints of whoever acted (administrators, officers, relying applications),
 * in the actor or in the details; national administrators and auditors see both; the hashes are
 * the same for everyone, so a redacted event still matches the verified chain.
 */
class AuditRedactionTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADDRESS = "198.51.100.23";
    private static final String ACTOR_FINGERPRINT = "3f2a9c0e11d4b7a8";
    private static final String OFFICER_FINGERPRINT = "a1:b2:c3:d4:e5:f6";
    private static final String APPLICATION_FINGERPRINT = "9e8d7c6b5a493827";

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void whenAMayorOrADelegateReadsTheTrail_thenAddressesAndFingerprintsAreRedacted_andNationalReadersSeeThem() {
        TestDirectory directory = directory();
        UUID commune = directory.commune("Erquinghem-Lys (audit)", directory.office("Préfecture du Nord"));
        TestPerson mayor = directory.person("Hélène", "Maire-Audit");
        directory.assign(mayor, Role.MAYOR, commune);
        TestPerson delegate = directory.person("Karim", "Délégué-Audit");
        directory.assign(delegate, Role.DELEGATE, commune);
        TestPerson auditor = directory.person("Claire", "Auditrice-Redaction");
        directory.assign(auditor, Role.AUDITOR, null);
        String target = "person:" + UUID.randomUUID();
        transactions.transactional(audit.append(new AuditEntry("CN=Administrateur national (sha256 " + ACTOR_FINGERPRINT + ")",
                "test.redaction", target,
                Map.of("fingerprintSha256", APPLICATION_FINGERPRINT,
                        "approvedBy", "CN=Marc Officier (sha256 " + OFFICER_FINGERPRINT + ")",
                        "reason", "renouvellement"),
                Optional.of(commune), Optional.of(ADDRESS)))).block();
        String query = "/api/v1/audit/events?target=" + target;

        JsonNode national = only(administratorClient(), query);
        assertThat(national.get("remoteAddress").asString()).isEqualTo(ADDRESS);
        assertThat(national.get("actor").asString()).contains(ACTOR_FINGERPRINT);
        assertThat(national.get("details").get("fingerprintSha256").asString()).isEqualTo(APPLICATION_FINGERPRINT);
        assertThat(national.get("details").get("approvedBy").asString()).contains(OFFICER_FINGERPRINT);
        assertThat(only(clientOf(auditor), query)).isEqualTo(national);

        for (TestPerson local : new TestPerson[] {mayor, delegate}) {
            HttpResponse<byte[]> response = get(clientOf(local), api(query));
            assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
            assertThat(text(response)).doesNotContain(ADDRESS).doesNotContain(ACTOR_FINGERPRINT)
                    .doesNotContain(OFFICER_FINGERPRINT).doesNotContain(APPLICATION_FINGERPRINT).doesNotContain("sha256");
            JsonNode redacted = JSON.readTree(response.body()).get("items").get(0);
            assertThat(redacted.has("remoteAddress")).isFalse();
            assertThat(redacted.get("actor").asString()).isEqualTo("CN=Administrateur national");
            assertThat(redacted.get("details").get("fingerprintSha256").asString()).isEqualTo("[redacted]");
            assertThat(redacted.get("details").get("approvedBy").asString()).isEqualTo("CN=Marc Officier");
            assertThat(redacted.get("details").get("reason").asString()).isEqualTo("renouvellement");
            for (String same : new String[] {"id", "occurredAt", "action", "target", "collectivity", "previousHash", "hash"}) {
                assertThat(redacted.get(same)).as(same).isEqualTo(national.get(same));
            }
        }
    }

    private JsonNode only(HttpClient client, String path) {
        HttpResponse<byte[]> response = get(client, api(path));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.get("items")).hasSize(1);
        return page.get("items").get(0);
    }
}
