package fr.cartesagents.ra.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;

import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * Relying applications and card certificates for the habilitation check tests: an application
 * logs in with its own client certificate from our CA, registered by the national administrator.
 */
abstract class CheckTestBase extends HabilitationTestBase {

    /** A relying application: its mTLS client and its registration. */
    record Relying(HttpClient client, String id, String fingerprint) {
    }

    /** Registers a new relying application allowed to ask about {@code applications} (JSON array items). */
    Relying relying(String name, String... applications) {
        TestPerson machine = new TestPerson(UUID.randomUUID(), "APP" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                "Application", name);
        HttpClient client = clientOf(machine);
        String fingerprint = certificateOf(machine.holderId()).fingerprint();
        String body = "{\"name\": \"%s %s\", \"fingerprintSha256\": \"%s\", \"applications\": [%s]}".formatted(name,
                UUID.randomUUID(), fingerprint, String.join(", ", java.util.Arrays.stream(applications).map(a -> "\"" + a + "\"").toList()));
        HttpResponse<byte[]> registered = postJson(administratorClient(), api(RelyingApplicationController.BASE), body, newKey());
        assertThat(registered.statusCode()).as(text(registered)).isEqualTo(201);
        return new Relying(client, JSON.readTree(registered.body()).get("id").asString(), fingerprint);
    }

    /** The (last) certificate our CA issued to {@code holderId}, as the records keep it. */
    IssuedCertificate certificateOf(String holderId) {
        return database.sql("select serial, der, fingerprint_sha256 from certificate where holder_id = :holder"
                        + " and der is not null order by created_at desc limit 1")
                .bind("holder", holderId)
                .map(row -> new IssuedCertificate(row.get("serial", String.class), row.get("der", byte[].class),
                        row.get("fingerprint_sha256", String.class)))
                .one().block();
    }

    HttpResponse<byte[]> check(HttpClient client, String json) {
        return postJson(client, api("/api/v1/habilitation-checks"), json, null);
    }

    /** Asks by the whole certificate. */
    JsonNode checkByPem(HttpClient client, IssuedCertificate certificate, String application) {
        HttpResponse<byte[]> response = check(client, "{\"certificate\": \"%s\", \"application\": \"%s\"}"
                .formatted(certificate.pem().replace("\n", "\\n"), application));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Asks by issuer and serial. */
    JsonNode checkByIssuerAndSerial(HttpClient client, IssuedCertificate certificate, String application) {
        HttpResponse<byte[]> response = check(client, issuerSerialJson(certificate, application));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String issuerSerialJson(IssuedCertificate certificate, String application) {
        return "{\"issuer\": \"%s\", \"serial\": \"%s\", \"application\": \"%s\"}".formatted(certificate.issuer(),
                certificate.serial(), application);
    }

    record IssuedCertificate(String serial, byte[] der, String fingerprint) {

        String pem() {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
        }

        String issuer() {
            try {
                return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)))
                        .getIssuerX500Principal().getName();
            } catch (CertificateException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
