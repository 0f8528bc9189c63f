package fr.cartesagents.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.testutil.ProcessRunner;
import fr.cartesagents.ca.testutil.SoftHsmFixture;
import fr.cartesagents.ca.token.Pkcs11Settings;

/**
 * The CLI as its own process, through {@code main}: the exit code the shell sees, the JVM set-up that
 * main does (BouncyCastle for ECDSA requests, a quiet PKCS#11 wrapper), nothing else on stdout.
 */
class KeyCeremonyCliProcessTest {

    private static final String REPOSITORY = "http://pki.example.fr";

    @TempDir
    static Path dir;

    private static Path password;

    @BeforeAll
    static void hierarchy() throws Exception {
        password = Files.writeString(dir.resolve("password"), "process-test-password\n");
        CliRun.of("create-root", "--p12", path("root.p12"), "--password-file", password.toString(),
                "--key-alias", "root", "--key-type", "EC_P384", "--subject", "C=FR,O=Test,CN=AC Racine Process",
                "--out", path("root.pem")).assertSuccess();
        CliRun.of("create-issuing-ca", "--root-p12", path("root.p12"), "--root-password-file", password.toString(),
                "--root-cert", path("root.pem"), "--root-key-alias", "root",
                "--p12", path("act.p12"), "--password-file", password.toString(),
                "--key-alias", "act", "--key-type", "EC_P256", "--subject", "C=FR,O=Test,CN=AC Process",
                "--repository-url", REPOSITORY, "--out", path("act.pem")).assertSuccess();
    }

    @Test
    void issuesFromAnEcdsaRequestAndExitsWithZero() {
        OpenSsl openssl = OpenSsl.require();
        openssl.runSuccessfully("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", path("ec.key"), "-subj", "/CN=x", "-out", path("ec.csr"));

        ProcessResult run = cli("issue", "--csr", path("ec.csr"), "--profile", "signature", "--given-name", "Élodie",
                "--surname", "Dupont", "--organization", "Commune de Saint-Exemple", "--siren", "200054781",
                "--holder-id", "AGT-0001", "--ca-p12", path("act.p12"), "--ca-password-file", password.toString(),
                "--ca-cert", path("act.pem"), "--ca-key-alias", "act", "--repository-url", REPOSITORY, "--ca-id", "act",
                "--out", path("ec.pem"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("Certificate issued (profile signature)").contains("serial:");
        openssl.runSuccessfully("verify", "-x509_strict", "-CAfile", path("root.pem"), "-untrusted", path("act.pem"),
                path("ec.pem"));
    }

    @Test
    void usageErrorExitsWithTwo() {
        ProcessResult run = cli("create-root", "--p12", path("weak.p12"), "--password-file", password.toString(),
                "--key-alias", "root", "--key-type", "RSA_1024", "--subject", "CN=Weak", "--out", path("weak.pem"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("Error: Invalid value for option '--key-type'");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void pkcs11FailureExitsWithOneAndPrintsOnlyTheMessage() throws Exception {
        Pkcs11Settings token = SoftHsmFixture.get().newToken("process");
        Path wrongPin = Files.writeString(dir.resolve("wrong.pin"), "0000-not-the-pin\n");

        ProcessResult run = cli("crl", "--ca-pkcs11-module", token.modulePath().toString(),
                "--ca-token-label", token.tokenLabel(), "--ca-pin-file", wrongPin.toString(),
                "--ca-cert", path("act.pem"), "--ca-key-alias", "act", "--number", "1", "--out", path("wrong.crl"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stdout()).as("the PKCS#11 wrapper's banner and session log stay off stdout").isEmpty();
        assertThat(run.stderr().strip()).isEqualTo("Error: Wrong user PIN for PKCS#11 token '" + token.tokenLabel()
                + "' (" + token.modulePath() + ")");
        assertThat(dir.resolve("wrong.crl")).doesNotExist();
    }

    private static ProcessResult cli(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KeyCeremonyCli.class.getName()));
        command.addAll(List.of(args));
        return ProcessRunner.command(command).run();
    }

    private static String path(String name) {
        return dir.resolve(name).toString();
    }
}
