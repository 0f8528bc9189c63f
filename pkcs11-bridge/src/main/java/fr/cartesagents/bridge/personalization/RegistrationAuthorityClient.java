package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.hierarchy.PemFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personalizes cards through the registration authority's operator API
 * ({@code POST /api/v1/card-orders/{id}/personalization}, docs/api.md) over mutual TLS with the
 * operator's own certificate: no administrator certificate on a workstation. The server checks the
 * order and takes the subject from its directory; the bridge only sends the card serial and the two
 * requests.
 */
public final class RegistrationAuthorityClient implements PairIssuer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI apiBase;
    private final HttpClient http;

    private RegistrationAuthorityClient(URI apiBase, HttpClient http) {
        this.apiBase = apiBase;
        this.http = http;
    }

    /**
     * @param apiBase      the API listener, e.g. {@code https://ra.example.fr:8443}
     * @param clientKey    the operator's PKCS#12 (their own client certificate and key)
     * @param clientSecret its password (copied; the caller wipes its own array)
     * @param caChain      the PKI's CA certificates: the only trust anchors of the connection
     */
    public static RegistrationAuthorityClient connect(URI apiBase, Path clientKey, char[] clientSecret,
                                                      List<X509CertificateHolder> caChain) {
        Objects.requireNonNull(apiBase, "apiBase");
        if (caChain.isEmpty()) {
            throw new IssuanceException("No CA certificate to trust for the registration authority");
        }
        try {
            return new RegistrationAuthorityClient(apiBase, OperatorTls.client(clientKey, clientSecret, caChain));
        } catch (IOException | GeneralSecurityException e) {
            throw new IssuanceException("Cannot set up the connection to the registration authority: " + e.getMessage(), e);
        }
    }

    @Override
    public IssuedPair issue(PairRequest request, String idempotencyKey) {
        URI endpoint = apiBase.resolve("/api/v1/card-orders/" + request.orderId() + "/personalization");
        String body;
        try {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("cardSerial", request.cardSerial());
            request.atrHex().ifPresent(atr -> fields.put("atr", atr));
            fields.put("authenticationCsr", PemFiles.toPem("CERTIFICATE REQUEST", request.authentication().getEncoded()));
            fields.put("signatureCsr", PemFiles.toPem("CERTIFICATE REQUEST", request.signature().getEncoded()));
            body = JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .timeout(OperatorTls.TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), endpoint);
        if (response.statusCode() != 201) {
            throw new IssuanceException("The registration authority refused the personalization: "
                    + OperatorTls.problem(response.statusCode(), response.body()));
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            return new IssuedPair(UUID.fromString(answer.get("cardId").asString()),
                    single(answer.get("authenticationCertificatePem")), single(answer.get("signatureCertificatePem")),
                    Optional.ofNullable(answer.get("puk")).map(JsonNode::asString));
        } catch (IOException | JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new IssuanceException("Unreadable answer from the registration authority: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request, URI endpoint) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IssuanceException("Cannot reach the registration authority at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuanceException("Interrupted while waiting for the registration authority", e);
        }
    }

    private static X509CertificateHolder single(JsonNode pem) throws IOException {
        List<X509CertificateHolder> certificates = PemFiles.parseCertificates(pem.asString());
        if (certificates.size() != 1) {
            throw new IssuanceException("The registration authority answered with " + certificates.size() + " certificates, expected 1");
        }
        return certificates.get(0);
    }
}
