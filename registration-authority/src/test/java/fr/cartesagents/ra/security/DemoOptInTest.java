package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.r2dbc.core.DatabaseClient;

import fr.cartesagents.ra.RegistrationAuthorityApplication;
import fr.cartesagents.ra.database.EmbeddedDatabase;
import fr.cartesagents.ra.testsupport.RunningServer;

/**
 * Security finding 3 (issue 10): the demo (demo login, seeded users) is opt-in. A server on a real
 * PostgreSQL that names no profile has none, while the README's run command (embedded database,
 * which {@link RunningServer} is) still shows it, and the {@code demo} profile turns it on anywhere
 * but under {@code production}.
 */
class DemoOptInTest extends RunningServer {

    @TempDir
    Path work;

    @Test
    void whenTheServerRunsOnAnExternalDatabaseWithoutTheDemoProfile_thenThereIsNoDemoLoginAndNoDemoUser() throws Exception {
        Path data = Files.createDirectory(work.resolve("data"));
        try (EmbeddedDatabase external = EmbeddedDatabase.start(work.resolve("external-pg"));
             ConfigurableApplicationContext server = new SpringApplicationBuilder(RegistrationAuthorityApplication.class)
                     .properties("cartes.data-dir=" + data, "server.port=0", "cartes.api.port=0", "cartes.api.address=127.0.0.1",
                             "spring.r2dbc.url=" + external.r2dbcUrl(), "spring.r2dbc.username=" + EmbeddedDatabase.USER,
                             "spring.r2dbc.password=unused-by-trust-authentication")
                     .run()) {
            int apiPort = server.getBean(ApiListener.class).port();

            HttpResponse<byte[]> login = postJson(anonymousClientOf(server), URI.create("https://localhost:" + apiPort
                    + "/api/v1/demo/login"), "{\"user\": \"auditeur\"}", null);

            assertThat(login.statusCode()).as(text(login)).isEqualTo(404);
            assertThat(server.containsBean("demoUsers")).isFalse();
            assertThat(server.getBean(DatabaseClient.class).sql("select count(*) as n from person where holder_id like 'DEMO-%'")
                    .map(row -> row.get("n", Long.class)).one().block()).isZero();
        }
    }

    @Test
    void whenTheReadmeRunCommandStartsTheServer_thenTheDemoLoginWorks() {
        assertThat(postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"maire\"}", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theDemoIsOnForTheEmbeddedDatabaseOrTheDemoProfileAndNeverInProduction() {
        assertThat(DemoEnabled.in(new MockEnvironment())).as("embedded database, no profile").isTrue();
        assertThat(DemoEnabled.in(new MockEnvironment().withProperty("spring.r2dbc.url", "r2dbc:postgresql://db/cartes")))
                .as("external database, no profile").isFalse();
        MockEnvironment demo = new MockEnvironment().withProperty("spring.r2dbc.url", "r2dbc:postgresql://db/cartes");
        demo.setActiveProfiles("demo");
        assertThat(DemoEnabled.in(demo)).as("external database, demo profile").isTrue();
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production", "demo");
        assertThat(DemoEnabled.in(production)).as("production, even with demo named").isFalse();
    }

    /** A client that trusts the other server's own CA chain (its data directory's) and presents no certificate. */
    private java.net.http.HttpClient anonymousClientOf(ConfigurableApplicationContext server) {
        Path chain = Path.of(server.getEnvironment().getProperty("cartes.data-dir"));
        return clientTrusting(chain.resolve("ca-chain.pem"));
    }
}
