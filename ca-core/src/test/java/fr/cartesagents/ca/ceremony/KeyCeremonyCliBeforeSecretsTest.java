package fr.cartesagents.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.testutil.SoftHsmFixture;
import fr.cartesagents.ca.token.Pkcs11Settings;

/**
 * The secret holders type only once the command is known to be right: every other argument (key type,
 * files, outputs, token label, names) is checked before a secret is asked, CRL outputs are never
 * overwritten, and drawing a CRL number leaves no lock file.
 */
class KeyCeremonyCliBeforeSecretsTest {

    private static final String ACT_PASSWORD = "act-password-Hv52";

    @TempDir
    static Path dir;

    private static Path actPassword;

    @BeforeAll
    static void issuingCa() throws Exception {
        actPassword = Files.writeString(dir.resolve("act.password"), ACT_PASSWORD + "\n");
        CliRun.of("create-root", "--p12", path("root.p12"), "--password-file", actPassword.toString(),
                "--key-alias", "root", "--key-type", "EC_P256", "--subject", "C=FR,O=Test,CN=AC Racine Test",
                "--out", path("root.pem")).assertSuccess();
    }

    @Test
    void aWrongKeyTypeIsReportedBeforeThePasswordIsAsked() {
        StandardInputProbe stdin = new StandardInputProbe("password-1\n");

        CliRun run = stdin.during(() -> CliRun.of("create-root", "--p12", path("typo.p12"), "--password",
                "--key-alias", "root", "--key-type", "RSA_1024", "--subject", "C=FR,O=Test,CN=Typo", "--out", path("typo.pem")));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("--key-type");
        assertThat(stdin.wasRead()).as("the password was asked before the key type was checked").isFalse();
    }

    @Test
    void aMissingCertificateIsReportedBeforeAnySecretIsAsked() {
        StandardInputProbe stdin = new StandardInputProbe("root-password\nnew-password\n");

        CliRun run = stdin.during(() -> CliRun.of("create-issuing-ca", "--root-p12", path("root.p12"), "--root-password",
                "--root-cert", path("no-such-root.pem"), "--root-key-alias", "root",
                "--p12", path("act.p12"), "--password", "--key-alias", "act", "--key-type", "EC_P256",
                "--subject", "C=FR,O=Test,CN=AC Test", "--repository-url", "http://pki.example.fr", "--out", path("act.pem")));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.err()).contains("--root-cert").contains("does not exist");
        assertThat(stdin.wasRead()).isFalse();
    }

    @Test
    void anOutputThatExistsIsReportedBeforeAnySecretIsAsked() throws Exception {
        Files.writeString(dir.resolve("taken.crl"), "an older CRL");
        Path numberFile = Files.writeString(dir.resolve("taken.crlnumber"), "4\n");
        StandardInputProbe stdin = new StandardInputProbe(ACT_PASSWORD + "\n");

        CliRun run = stdin.during(() -> CliRun.of("crl", "--ca-p12", path("root.p12"), "--ca-password",
                "--ca-cert", path("root.pem"), "--ca-key-alias", "root", "--number-file", numberFile.toString(),
                "--out", path("taken.crl")));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.err()).contains("refusing to overwrite").contains("taken.crl");
        assertThat(Files.readString(dir.resolve("taken.crl"))).isEqualTo("an older CRL");
        assertThat(Files.readString(numberFile)).isEqualTo("4\n");
        assertThat(stdin.wasRead()).isFalse();
    }

    @Test
    void aPromptedSecretIsReadFromStandardInputWithoutATerminal() throws Exception {
        Path numberFile = Files.writeString(dir.resolve("piped.crlnumber"), "0\n");
        StandardInputProbe stdin = new StandardInputProbe(ACT_PASSWORD + "\n");

        CliRun run = stdin.during(() -> CliRun.of("crl", "--ca-p12", path("root.p12"), "--ca-password",
                "--ca-cert", path("root.pem"), "--ca-key-alias", "root", "--number-file", numberFile.toString(),
                "--out", path("piped.crl")));

        run.assertSuccess();
        assertThat(run.output()).doesNotContain(ACT_PASSWORD);
        assertThat(Files.readString(numberFile)).isEqualTo("1\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".lock"));
        }
    }

    @Test
    void aMalformedSubjectIsAUsageError() {
        CliRun run = CliRun.of("create-root", "--p12", path("garbage.p12"), "--password-file", actPassword.toString(),
                "--key-alias", "root", "--key-type", "EC_P256", "--subject", "CN=x;;garbage", "--out", path("garbage.pem"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("--subject").contains("';' must be escaped");
        assertThat(dir.resolve("garbage.p12")).doesNotExist();
    }

    @Test
    void aLabelInUseIsReportedBeforeThePinsAreAsked() {
        Pkcs11Settings taken = SoftHsmFixture.get().newToken("taken");
        StandardInputProbe stdin = new StandardInputProbe("so-pin-9183\nuser-pin-2741\n");

        CliRun run = stdin.during(() -> CliRun.of("init-token", "--module", taken.modulePath().toString(),
                "--label", taken.tokenLabel(), "--so-pin", "--pin"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.err()).contains("already exists");
        assertThat(stdin.wasRead()).isFalse();
    }

    @Test
    void pinsPipedOnStandardInputInitialiseAToken() {
        Path module = SoftHsmFixture.get().modulePath();
        String label = "piped-" + System.nanoTime() % 100000;
        StandardInputProbe stdin = new StandardInputProbe("so-pin-9183\nuser-pin-2741\n");

        CliRun run = stdin.during(() -> CliRun.of("init-token", "--module", module.toString(), "--label", label,
                "--so-pin", "--pin"));

        run.assertSuccess();
        assertThat(run.out()).contains("Token '" + label + "' initialised");
        assertThat(run.output()).doesNotContain("so-pin-9183").doesNotContain("user-pin-2741");
    }

    private static String path(String name) {
        return dir.resolve(name).toString();
    }

    /** Standard input replaced for one run, remembering whether the command read it. */
    private static final class StandardInputProbe extends InputStream {

        private final ByteArrayInputStream lines;
        private final AtomicBoolean read = new AtomicBoolean();

        StandardInputProbe(String content) {
            this.lines = new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int read() {
            read.set(true);
            return lines.read();
        }

        boolean wasRead() {
            return read.get();
        }

        CliRun during(Supplier<CliRun> run) {
            InputStream original = System.in;
            System.setIn(this);
            try {
                return run.get();
            } finally {
                System.setIn(original);
            }
        }
    }
}
