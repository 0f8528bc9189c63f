package fr.cartesagents.ra.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;

/**
 * The Testcontainers switch, where it can be tested here (no Docker engine on this machine and in CI):
 * asked for without Docker, it leaves the tests on the embedded database; not asked for, it does not
 * even look for Docker.
 */
class TestDatabasesTest {

    private final Map<String, Supplier<Object>> registered = new HashMap<>();
    private final DynamicPropertyRegistry registry = registered::put;

    @AfterEach
    void clearSwitch() {
        System.clearProperty(TestDatabases.SWITCH_PROPERTY);
    }

    @Test
    void whenTestcontainersIsAskedForWithoutADockerEngine_thenTheEmbeddedDatabaseIsUsed() {
        System.setProperty(TestDatabases.SWITCH_PROPERTY, TestDatabases.TESTCONTAINERS);
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        org.junit.jupiter.api.Assumptions.assumeFalse(docker, "a Docker engine runs here: the other branch applies");

        assertThat(TestDatabases.register(registry)).isEmpty();
        assertThat(registered).isEmpty();
    }

    @Test
    void whenTheSwitchIsNotSet_thenNothingIsRegistered() {
        System.setProperty(TestDatabases.SWITCH_PROPERTY, "embedded");
        assertThat(TestDatabases.register(registry, true)).isEmpty();
        assertThat(registered).isEmpty();
    }
}
