package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;


import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.HolderSubject;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets a card's certificates from the registration authority's administrator API
 * ({@code POST /api/v1/admin/certificates}, see docs/api.md) over mutual TLS: the bridge presents
 * the operator's client certificate and trusts only the PKI's own CA chain, which also completes
 * the chain of the returned certificate. Each request carries a fresh Idempotency-Key.
 */
public final class RegistrationAuthorityIssuer implements CertificateIssuer {

    static final String ISSUE_PATH = "/api/v1/admin/certificates";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final HttpClient http;
    private final List<X509CertificateHolder> caChain;
    private final HolderSubject holder;

    private RegistrationAuthorityIssuer(URI endpoint, HttpClient http, List<X509CertificateHolder> caChain, HolderSubject holder) {
        this.endpoint = endpoint;
        this.http = http;
        this.caChain = caChain;
        this.holder = holder;
    }

    /**
     * @param apiBase      the API listener, e.g. {@code https://ra.example.fr:8443}
     * @param clientKey    the operator's PKCS#12 (administrator client certificate and key)
     * @param clientSecret its password (copied; the caller wipes its own array)
     * @param caChainPem   the PKI's CA certificates (PEM): the only trust anchors of the connection
     * @param holder       the card holder, as registered
     */
    public static RegistrationAuthorityIssuer connect(URI apiBase, Path clientKey, char[] clientSecret, Path caChainPem,
                                                      HolderSubject holder) {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(holder, "holder");
        try {
            List<X509CertificateHolder> caChain = PemFiles.readCertificates(caChainPem);
            if (caChain.isEmpty()) {
                throw new IssuanceException("No CA certificate in " + caChainPem);
            }
            HttpClient http = OperatorTls.client(clientKey, clientSecret, caChain);
            return new RegistrationAuthorityIssuer(apiBase.resolve(ISSUE_PATH), http, caChain, holder);
        } catch (IOException | GeneralSecurityException e) {
            throw new IssuanceException("Cannot set up the connection to the registration authority: " + e.getMessage(), e);
        }
    }

    @Override
    public List<X509CertificateHolder> issue(PKCS10CertificationRequest request, KeyRole role) {
        String body;
        try {
            body = JSON.writeValueAsString(new IssueBody(CertificateIssuer.profileFor(role),
                    PemFiles.toPem("CERTIFICATE REQUEST", request.getEncoded()),
                    new HolderBody(holder.givenName(), holder.surname(), holder.organization(), holder.siren().value(),
                            holder.holderId())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IssuanceException("Cannot reach the registration authority at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuanceException("Interrupted while waiting for the registration authority", e);
        }
        if (response.statusCode() != 201) {
            throw new IssuanceException("The registration authority refused the " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + " certificate: " + problem(response));
        }
        try {
            JsonNode certificatePem = JSON.readTree(response.body()).get("certificatePem");
            if (certificatePem == null) {
                throw new IssuanceException("The registration authority answered without a certificate");
            }
            List<X509CertificateHolder> chain = new ArrayList<>(PemFiles.parseCertificates(certificatePem.asString()));
            if (chain.size() != 1) {
                throw new IssuanceException("The registration authority answered with " + chain.size() + " certificates, expected 1");
            }
            chain.addAll(caChain);
            return List.copyOf(chain);
        } catch (IOException | JacksonException e) {
            throw new IssuanceException("Unreadable answer from the registration authority: " + e.getMessage(), e);
        }
    }

    private static String problem(HttpResponse<String> response) {
        return OperatorTls.problem(response.statusCode(), response.body());
    }

    record IssueBody(String profile, String csr, HolderBody subject) {
    }

    record HolderBody(String givenName, String surname, String organization, String siren, String holderId) {
    }
}
