package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bridge's HTTPS client to the registration authority: it presents the operator's own client
 * certificate (their card's, or its PKCS#12 export) and trusts only the PKI's CA chain.
 */
final class OperatorTls {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OperatorTls() {
    }

    static HttpClient client(Path clientKey, char[] secret, List<X509CertificateHolder> caChain) throws IOException, GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers(clientKey, secret), trustManagers(caChain), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT).build();
    }

    /** "HTTP 422 issuance-refused: <detail>" from an RFC 9457 problem document, or the bare status. */
    static String problem(int status, String body) {
        String description = "HTTP " + status;
        try {
            JsonNode problem = JSON.readTree(body);
            JsonNode type = problem.get("type");
            JsonNode detail = problem.get("detail");
            if (type != null) {
                description += " " + type.asString().replaceFirst("^urn:cartes-agents:problem:", "");
            }
            if (detail != null) {
                description += ": " + detail.asString();
            }
        } catch (JacksonException e) {
            // Not a problem document (a proxy's page, say): the status is all there is to say.
        }
        return description;
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Path clientKey, char[] secret) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(clientKey)) {
            store.load(in, secret);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, secret);
        return factory.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers(List<X509CertificateHolder> caChain) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (int i = 0; i < caChain.size(); i++) {
            store.setCertificateEntry("ca-" + i, converter.getCertificate(caChain.get(i)));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
