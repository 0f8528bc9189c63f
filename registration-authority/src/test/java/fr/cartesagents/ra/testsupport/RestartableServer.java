package fr.cartesagents.ra.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import fr.cartesagents.ra.RegistrationAuthorityApplication;
import fr.cartesagents.ra.security.ApiListener;

/**
 * The whole server on a data directory the test chooses, so that the test can stop it and start
 * another one on the same directory: the same embedded PostgreSQL data, the same CA keys, new ports
 * and nothing kept in memory, as after a crash or a redeployment. {@link RunningServer} is for a
 * server that lives as long as its test class.
 */
public final class RestartableServer implements AutoCloseable {

    private final Path dataDirectory;
    private final ConfigurableApplicationContext context;

    private RestartableServer(Path dataDirectory, ConfigurableApplicationContext context) {
        this.dataDirectory = dataDirectory;
        this.context = context;
    }

    /** Starts a server on {@code dataDirectory}: a new one on an empty directory, the same one again after {@link #close}. */
    public static RestartableServer start(Path dataDirectory) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RegistrationAuthorityApplication.class)
                .run("--cartes.data-dir=" + dataDirectory, "--server.port=0", "--cartes.api.port=0", "--cartes.api.address=127.0.0.1",
                        "--management.server.port=0");
        return new RestartableServer(dataDirectory, context);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public DatabaseClient database() {
        return context.getBean(DatabaseClient.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public URI apiBase() {
        return URI.create("https://localhost:" + context.getBean(ApiListener.class).port());
    }

    public URI api(String path) {
        return URI.create(apiBase() + path);
    }

    /** A client presenting the PKCS#12 login {@code keyStore} (password {@link CardLogins#PASSWORD}), trusting this CA. */
    public HttpClient client(Path keyStore) {
        return RunningServer.client(keyStore, CardLogins.PASSWORD, dataDirectory.resolve("ca-chain.pem"));
    }

    public HttpClient administratorClient() {
        return RunningServer.client(dataDirectory.resolve("admin.p12"),
                RunningServer.readString(dataDirectory.resolve("admin.p12.password")), dataDirectory.resolve("ca-chain.pem"));
    }

    /** A card login for {@code person}: its PKCS#12 file in the data directory, so it outlives a restart. */
    public Path cardOf(TestDirectory.TestPerson person) {
        return CardLogins.issue(this::postJson, this::api, dataDirectory, administratorClient(), person);
    }

    public HttpResponse<byte[]> get(HttpClient client, URI uri) {
        return RunningServer.send(client, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build());
    }

    public HttpResponse<byte[]> postJson(HttpClient client, URI uri, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return RunningServer.send(client, request.build());
    }

    /** Stops the server (listeners, embedded PostgreSQL) as a shutdown would. */
    @Override
    public void close() {
        context.close();
    }
}
