package fr.cartesagents.ra.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import fr.cartesagents.ra.security.ApiListener;

/**
 * The whole server, started as it runs for real (embedded PostgreSQL, demo ceremony, both
 * listeners on random ports), and plain JDK HTTP clients to talk to it: one without a client
 * certificate, one with the administrator's {@code admin.p12}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"cartes.api.port=0", "cartes.api.address=127.0.0.1"})
public abstract class RunningServer extends TemporaryDataDirectory {

    @LocalServerPort
    protected int pkiPort;

    @Autowired
    protected ApiListener apiListener;

    @Autowired
    protected DatabaseClient database;

    protected URI pki(String path) {
        return URI.create("http://localhost:" + pkiPort + path);
    }

    public URI api(String path) {
        return URI.create("https://localhost:" + apiListener.port() + path);
    }

    public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    protected HttpResponse<byte[]> get(HttpClient client, URI uri) {
        return send(client, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build());
    }

    public HttpResponse<byte[]> postJson(HttpClient client, URI uri, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(client, request.build());
    }

    public static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** A client that trusts our CA chain and presents the demo administrator's certificate. */
    protected HttpClient administratorClient() {
        return client(dataDirectory().resolve("admin.p12"), readString(dataDirectory().resolve("admin.p12.password")));
    }

    /** Arranges offices, communes, people and roles in this server's database. */
    protected TestDirectory directory() {
        return new TestDirectory(database);
    }

    /**
     * A client that logs in as {@code person} with mutual TLS, as their card would: an
     * authentication certificate carrying their holder id, issued by our CA.
     */
    protected HttpClient clientOf(TestDirectory.TestPerson person) {
        return client(CardLogins.issue(this, administratorClient(), person), CardLogins.PASSWORD);
    }

    /** The password of the key stores {@link #cardOf} writes. */
    protected static final String CARD_PASSWORD = CardLogins.PASSWORD;

    /** A new card login for {@code person} (as {@link #clientOf} uses): its PKCS#12 file, password {@link #CARD_PASSWORD}. */
    protected Path cardOf(TestDirectory.TestPerson person) {
        return CardLogins.issue(this, administratorClient(), person);
    }

    /** A client that trusts our CA chain and presents no certificate. */
    protected HttpClient anonymousClient() {
        return client(null, null);
    }

    protected HttpClient client(Path keyStore, String password) {
        return client(keyStore, password, dataDirectory().resolve("ca-chain.pem"));
    }

    /** A client that trusts the CA chain in {@code caChainPem} (another server's) and presents no certificate. */
    protected HttpClient clientTrusting(Path caChainPem) {
        return client(null, null, caChainPem);
    }

    static HttpClient client(Path keyStore, String password, Path caChainPem) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            try (InputStream chain = Files.newInputStream(caChainPem)) {
                int i = 0;
                for (var certificate : factory.generateCertificates(chain)) {
                    trust.setCertificateEntry("ca" + i++, (X509Certificate) certificate);
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
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(30)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    protected long count(String table) {
        return database.sql("select count(*) as n from " + table).map(row -> row.get("n", Long.class)).one().block();
    }

    protected static String readString(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
