package fr.cartesagents.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.testutil.ProcessRunner;

/**
 * The shaded jar as operators run it ({@code java -jar pkcs11-bridge-*-cli.jar}), as its own process
 * against SoftHSM2: the exit codes a shell sees, and nothing but our own lines on stdout (the PKCS#11
 * wrapper's banner stays quiet). Run by failsafe after 'package': {@code ./mvnw -pl pkcs11-bridge -am verify}.
 */
class BridgeCliJarIT {

    @Test
    void whenRunAsAJar_thenInfoChangePinAndWrongPinBehaveAsInProcess() {
        TestCard card = SoftHsmCards.get().newCard("jar");

        ProcessResult info = bridge("", "info", card);
        assertThat(info.exitCode()).as(info.describe()).isZero();
        assertThat(info.stdout()).startsWith("Lecteur :").contains("Libellé du jeton : " + card.label());

        ProcessResult changed = bridge(SoftHsmCards.USER_PIN + "\n7315\n", "change-pin", card, "--pin-stdin");
        assertThat(changed.exitCode()).as(changed.describe()).isZero();
        assertThat(changed.stdout().strip()).isEqualTo("Code PIN changé.");

        ProcessResult wrong = bridge(SoftHsmCards.USER_PIN + "\n5791\n", "change-pin", card, "--pin-stdin");
        assertThat(wrong.exitCode()).as(wrong.describe()).isEqualTo(6);
        assertThat(wrong.stderr()).contains("code PIN erroné");
        assertThat(wrong.stdout()).isEmpty();

        ProcessResult usage = bridge("", "info", card, "--bogus");
        assertThat(usage.exitCode()).isEqualTo(2);
    }

    private static ProcessResult bridge(String stdin, String command, TestCard card, String... more) {
        String jar = System.getProperty("bridge.cli.jar");
        assertThat(jar).as("system property bridge.cli.jar (set by failsafe)").isNotNull();
        assertThat(Files.isRegularFile(Path.of(jar))).as(jar + " exists").isTrue();
        List<String> arguments = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, command, "--pkcs11-module", SoftHsmCards.get().counterModule().toString(), "--token", card.label()));
        arguments.addAll(List.of(more));
        return ProcessRunner.command(arguments).stdin(stdin).run();
    }
}
