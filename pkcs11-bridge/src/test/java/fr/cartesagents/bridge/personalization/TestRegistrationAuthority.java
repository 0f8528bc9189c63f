package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.IssuanceRefusedException;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.IssuedCertificate;
import fr.cartesagents.ca.issuance.ServerSubject;
import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ca.issuance.Subject;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.profile.ProfileCatalog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registration authority's {@code POST /api/v1/admin/certificates}, as docs/api.md describes it,
 * served over real mutual TLS on 127.0.0.1 by a ca-core CA: enough to prove the bridge's client side
 * (TLS set-up, JSON, idempotency key, problem documents) without starting the whole server.
 */
public final class TestRegistrationAuthority implements AutoCloseable {

    public static final char[] CLIENT_SECRET = "operator-secret".toCharArray();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpsServer server;
    private final Path clientKey;
    private final Path caChain;
    private final AtomicInteger requestsWithoutIdempotencyKey = new AtomicInteger();
    private final java.util.concurrent.ConcurrentHashMap<String, String> answers = new java.util.concurrent.ConcurrentHashMap<>();

    private TestRegistrationAuthority(HttpsServer server, Path clientKey, Path caChain) {
        this.server = server;
        this.clientKey = clientKey;
        this.caChain = caChain;
    }

    public static TestRegistrationAuthority start(TestHierarchy hierarchy, Path directory) throws Exception {
        List<X509CertificateHolder> cas = List.of(hierarchy.issuing().certificate(), hierarchy.root().certificate());
        Path caChain = directory.resolve("ra-ca-chain.pem");
        PemFiles.writeChain(caChain, cas);
        char[] serverSecret = "server-secret".toCharArray();
        KeyStore serverStore = keyStore(hierarchy, ProfileCatalog.TLS_SERVER, ServerSubject.of("localhost"), serverSecret, cas);
        Path clientKey = directory.resolve("operator.p12");
        // the operator authenticates with the authentication certificate of their own agent card
        KeyStore clientStore = keyStore(hierarchy, ProfileCatalog.AUTHENTICATION, TestSubjects.marieDupont(), CLIENT_SECRET, cas);
        try (OutputStream out = Files.newOutputStream(clientKey)) {
            clientStore.store(out, CLIENT_SECRET);
        }

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverStore, serverSecret);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("issuing", new JcaX509CertificateConverter().getCertificate(cas.get(0)));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trustManagers.getTrustManagers(), null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        TestRegistrationAuthority authority = new TestRegistrationAuthority(server, clientKey, caChain);
        server.createContext(RegistrationAuthorityIssuer.ISSUE_PATH, exchange -> authority.issue(hierarchy, exchange));
        server.createContext("/api/v1/card-orders/", exchange -> authority.personalize(hierarchy, exchange));
        server.start();
        return authority;
    }

    public URI apiBase() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    public Path clientKey() {
        return clientKey;
    }

    public Path caChain() {
        return caChain;
    }

    public int requestsWithoutIdempotencyKey() {
        return requestsWithoutIdempotencyKey.get();
    }

    private void issue(TestHierarchy hierarchy, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                reply(exchange, 415, problem("unsupported-media-type", "JSON only"));
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Idempotency-Key") == null) {
                requestsWithoutIdempotencyKey.incrementAndGet();
                reply(exchange, 400, problem("idempotency-key-missing", "no Idempotency-Key"));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            JsonNode subject = body.get("subject");
            try {
                HolderSubject holder = new HolderSubject(subject.get("givenName").asString(), subject.get("surname").asString(),
                        subject.get("organization").asString(), new Siren(subject.get("siren").asString()),
                        subject.get("holderId").asString());
                IssuedCertificate issued = hierarchy.ca().issue(
                        IssuanceRequest.fromPem(body.get("profile").asString(), body.get("csr").asString(), holder));
                reply(exchange, 201, JSON.writeValueAsString(Map.of("serial", issued.serialHex(),
                        "profile", issued.profileName(), "certificatePem", issued.pem())));
            } catch (IssuanceRefusedException e) {
                reply(exchange, 422, problem("issuance-refused", e.getMessage()));
            }
        }
    }

    /**
     * {@code POST /api/v1/card-orders/{id}/personalization}: both certificates for the holder the
     * directory would name (here always Marie Dupont of Moissac), with the card's PUK ({@link #pukOf}),
     * the same answer for a repeated Idempotency-Key.
     */
    private void personalize(TestHierarchy hierarchy, HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!"POST".equals(exchange.getRequestMethod()) || key == null
                    || !exchange.getRequestURI().getPath().endsWith("/personalization")) {
                reply(exchange, 400, problem("bad-request", "POST .../personalization with an Idempotency-Key"));
                return;
            }
            String stored = answers.get(key);
            if (stored != null) {
                reply(exchange, 201, stored);
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            try {
                IssuedCertificate authentication = hierarchy.ca().issue(IssuanceRequest.fromPem(ProfileCatalog.AUTHENTICATION,
                        body.get("authenticationCsr").asString(), TestSubjects.marieDupont()));
                IssuedCertificate signature = hierarchy.ca().issue(IssuanceRequest.fromPem(ProfileCatalog.SIGNATURE,
                        body.get("signatureCsr").asString(), TestSubjects.marieDupont()));
                String cardSerial = body.get("cardSerial").asString();
                String answer = JSON.writeValueAsString(Map.of("cardId", java.util.UUID.randomUUID().toString(),
                        "cardSerial", cardSerial, "authenticationCertificatePem", authentication.pem(),
                        "signatureCertificatePem", signature.pem(), "puk", pukOf(cardSerial)));
                answers.put(key, answer);
                reply(exchange, 201, answer);
            } catch (IssuanceRefusedException e) {
                reply(exchange, 422, problem("issuance-refused", e.getMessage()));
            }
        }
    }

    /** The PUK the server answers for a card, derived as the real one does (here from the PC/SC rig's test master key). */
    public static String pukOf(String cardSerial) {
        return fr.cartesagents.bridge.testsupport.PcscRig.ISSUER_SECRETS.puk(new fr.cartesagents.ca.cardsecret.CardSerial(cardSerial))
                .digits();
    }

    private static String problem(String type, String detail) {
        return JSON.writeValueAsString(Map.of("type", "urn:cartes-agents:problem:" + type, "title", type, "detail", detail));
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static KeyStore keyStore(TestHierarchy hierarchy, String profile, Subject subject, char[] secret,
                                     List<X509CertificateHolder> cas) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        IssuedCertificate issued = hierarchy.ca().issueForTrustedKey(profile,
                SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()), subject);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<Certificate> chain = new ArrayList<>();
        chain.add(converter.getCertificate(issued.certificate()));
        for (X509CertificateHolder ca : cas) {
            chain.add(converter.getCertificate(ca));
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", pair.getPrivate(), secret, chain.toArray(Certificate[]::new));
        return store;
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
