package fr.cartesagents.ra.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/compose.yaml cannot run here (no Docker engine): its syntax and its promises are checked
 * instead. It must describe the production topology of ProductionTopologyTest: the official PostgreSQL
 * image with durability on, two nodes with the production profile and no demo, nginx in front, and
 * every secret a Docker secret read through configtree, none in the environment.
 */
class ComposeFileTest {

    private static final Path DOCKER = Path.of(System.getProperty("user.dir")).getParent().resolve("docker");

    @Test
    @SuppressWarnings("unchecked")
    void theProductionComposeFileParsesAndDescribesTheProductionTopology() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        Map<String, Object> compose = new Yaml(new SafeConstructor(options)).load(Files.readString(DOCKER.resolve("compose.yaml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsOnlyKeys("postgres", "node-a", "node-b", "front");

        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
        assertThat((String) postgres.get("image")).startsWith("postgres:");
        assertThat((List<String>) postgres.get("command")).contains("fsync=on", "synchronous_commit=on", "full_page_writes=on");

        Map<String, Object> declaredSecrets = (Map<String, Object>) compose.get("secrets");
        for (String name : List.of("node-a", "node-b")) {
            Map<String, Object> node = (Map<String, Object>) services.get(name);
            Map<String, Object> environment = (Map<String, Object>) node.get("environment");
            assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "production")
                    .containsEntry("SPRING_CONFIG_IMPORT", "configtree:/run/secrets/");
            // CARTES_CARDSECRETS_* names the card secrets' master key (its HSM token), not a secret: judged on what follows
            assertThat(environment.keySet()).noneMatch(key -> key.replaceFirst("^CARTES_CARDSECRETS_", "")
                    .matches("(?i).*(PASSWORD|PIN|SECRET).*"));
            assertThat(environment.values().toString()).doesNotContainIgnoringCase("demo");
            List<Map<String, Object>> secrets = (List<Map<String, Object>>) node.get("secrets");
            assertThat(secrets).extracting(secret -> secret.get("target")).contains("spring.r2dbc.password",
                    "cartes.pki.issuing.token.pin", "cartes.pki.tls.key-store-password");
            assertThat(secrets).extracting(secret -> secret.get("source")).allMatch(declaredSecrets::containsKey);
            assertThat(node.get("healthcheck").toString()).contains("/actuator/health/readiness");
        }
        Map<String, Object> front = (Map<String, Object>) services.get("front");
        assertThat((String) front.get("image")).startsWith("nginx:");
        assertThat((List<String>) front.get("secrets")).allMatch(declaredSecrets::containsKey);
        String nginx = Files.readString(DOCKER.resolve("nginx").resolve("nginx.conf"));
        assertThat(nginx).contains("ssl_verify_client on", "X-Client-Certificate $ssl_client_escaped_cert",
                "server node-a:8443", "server node-b:8443", "server node-a:8080", "server node-b:8080");
        for (Object secret : declaredSecrets.values()) {
            assertThat(((Map<String, Object>) secret).get("file").toString()).startsWith("./secrets/");
        }
        assertThat(Files.readString(DOCKER.getParent().resolve(".gitignore"))).contains("docker/secrets/");
    }
}
