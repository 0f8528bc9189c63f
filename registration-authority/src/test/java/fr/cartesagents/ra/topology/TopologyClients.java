package fr.cartesagents.ra.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import fr.cartesagents.ra.testsupport.CertificateRequests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP clients of the topology and the requests the scenarios send: issuance, revocation, OCSP. */
final class TopologyClients {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private TopologyClients() {
    }

    /** A client presenting the PKCS#12 {@code keyStore} (or nothing), trusting the PEM certificates in {@code trusted}. */
    static HttpClient client(Path keyStore, String password, List<Path> trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            int i = 0;
            for (Path file : trusted) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (var certificate : factory.generateCertificates(in)) {
                        trust.setCertificateEntry("ca" + i++, (X509Certificate) certificate);
                    }
                }
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (keyStore != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keyStore)) {
                    keys.load(in, password.toCharArray());
                }
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, password.toCharArray());
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static HttpResponse<byte[]> get(HttpClient client, URI uri) throws IOException {
        return send(client, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    static HttpResponse<byte[]> postJson(HttpClient client, URI uri, String json, String idempotencyKey) throws IOException {
        return send(client, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    /** A PKCS#10 request (PEM) for a fresh P-256 key, made in memory: hundreds of them cost well under a second. */
    static String csr() {
        return csrFor(newKey());
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String csrFor(KeyPair key) {
        try {
            var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=ignored by the CA"), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
            return pem(request);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object object) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static String issueJson(String holderId) {
        return CertificateRequests.issueJson("authentication", csr(), holderId);
    }

    /** An OCSP request for {@code serial} of {@code issuer}, with or without a nonce. */
    static byte[] ocspRequest(X509CertificateHolder issuer, BigInteger serial) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuer, serial);
            return new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** "good", "revoked", "unknown", or the OCSP response status when unsuccessful (e.g. "status 3"). */
    static String ocspStatus(HttpClient client, URI ocspBase, X509CertificateHolder issuer, BigInteger serial) throws IOException {
        String encoded = java.util.Base64.getUrlEncoder().encodeToString(ocspRequest(issuer, serial));
        HttpResponse<byte[]> response = get(client, URI.create(ocspBase + "/" + encoded));
        if (response.statusCode() != 200) {
            return "http " + response.statusCode();
        }
        try {
            OCSPResp ocsp = new OCSPResp(response.body());
            if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
                return "status " + ocsp.getStatus();
            }
            Object status = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
            return status == null ? "good" : status instanceof org.bouncycastle.cert.ocsp.RevokedStatus ? "revoked" : "unknown";
        } catch (Exception e) {
            throw new IOException("not an OCSP response: " + e.getMessage(), e);
        }
    }

    static Optional<BigInteger> serialOf(HttpResponse<byte[]> response) {
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(json(response).get("serial").asString(), 16));
    }
}
