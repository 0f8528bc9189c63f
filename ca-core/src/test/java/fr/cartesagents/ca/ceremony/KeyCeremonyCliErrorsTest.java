package fr.cartesagents.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.SoftHsmFixture;
import fr.cartesagents.ca.token.Pkcs11Settings;

/**
 * What an operator sees when something is wrong: one actionable line on stderr, a non-zero exit code
 * (2 for the command line, 1 for a failed step), no stack trace without --verbose, no secret, and no
 * file written.
 */
class KeyCeremonyCliErrorsTest {

    private static final String ROOT_PASSWORD = "root-password-Zq81";
    private static final String ACT_PASSWORD = "act-password-Lp37";
    private static final String REPOSITORY = "http://pki.example.fr";

    @TempDir
    static Path dir;

    private static Path rootPassword;
    private static Path actPassword;

    @BeforeAll
    static void hierarchy() throws Exception {
        rootPassword = Files.writeString(dir.resolve("root.password"), ROOT_PASSWORD + "\n");
        actPassword = Files.writeString(dir.resolve("act.password"), ACT_PASSWORD + "\n");
        CliRun.of("create-root", "--p12", path("root.p12"), "--password-file", rootPassword.toString(),
                "--key-alias", "root", "--key-type", "EC_P384", "--subject", "C=FR,O=Test,CN=AC Racine Test",
                "--out", path("root.pem")).assertSuccess();
        CliRun.of("create-issuing-ca", "--root-p12", path("root.p12"), "--root-password-file", rootPassword.toString(),
                "--root-cert", path("root.pem"), "--root-key-alias", "root",
                "--p12", path("act.p12"), "--password-file", actPassword.toString(),
                "--key-alias", "act", "--key-type", "EC_P256", "--subject", "C=FR,O=Test,CN=AC Test",
                "--repository-url", REPOSITORY, "--out", path("act.pem")).assertSuccess();
        OpenSsl.require().runSuccessfully("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", path("leaf.key"), "-subj", "/CN=x", "-out", path("leaf.csr"));
    }

    @Test
    void missingCsrFile() {
        CliRun run = issue("--csr", path("no-such.csr"), "--out", path("missing-csr.pem"));

        assertFailed(run, 1, "--csr: " + path("no-such.csr") + " does not exist");
        assertThat(dir.resolve("missing-csr.pem")).doesNotExist();
    }

    @Test
    void malformedCsrShowsTheReason() throws Exception {
        Path csr = Files.writeString(dir.resolve("malformed.csr"),
                "-----BEGIN CERTIFICATE REQUEST-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END CERTIFICATE REQUEST-----\n");

        CliRun run = issue("--csr", csr.toString(), "--out", path("malformed.pem"));

        assertFailed(run, 1, "MALFORMED_REQUEST");
        assertThat(dir.resolve("malformed.pem")).doesNotExist();
    }

    @Test
    void csrThatIsNotPem() throws Exception {
        Path csr = Files.writeString(dir.resolve("text.csr"), "this is not a certificate request\n");

        CliRun run = issue("--csr", csr.toString(), "--out", path("text.pem"));

        assertFailed(run, 1, "expected a PEM block of type CERTIFICATE REQUEST");
        assertThat(dir.resolve("text.pem")).doesNotExist();
    }

    @Test
    void unknownProfileIsAUsageError() {
        CliRun run = CliRun.of("issue", "--csr", path("leaf.csr"), "--profile", "banana", "--given-name", "A",
                "--surname", "B", "--organization", "C", "--siren", "217500016", "--holder-id", "H1",
                "--ca-p12", path("act.p12"), "--ca-password-file", actPassword.toString(), "--ca-cert", path("act.pem"),
                "--ca-key-alias", "act", "--repository-url", REPOSITORY, "--ca-id", "act", "--out", path("banana.pem"));

        assertFailed(run, 2, "unknown profile 'banana'");
        assertThat(run.err()).contains("authentication").contains("signature");
        assertThat(dir.resolve("banana.pem")).doesNotExist();
    }

    @Test
    void invalidSirenIsAUsageError() {
        CliRun run = CliRun.of("issue", "--csr", path("leaf.csr"), "--profile", "authentication", "--given-name", "A",
                "--surname", "B", "--organization", "C", "--siren", "217500017", "--holder-id", "H1",
                "--ca-p12", path("act.p12"), "--ca-password-file", actPassword.toString(), "--ca-cert", path("act.pem"),
                "--ca-key-alias", "act", "--repository-url", REPOSITORY, "--ca-id", "act", "--out", path("siren.pem"));

        assertFailed(run, 2, "Luhn");
        assertThat(dir.resolve("siren.pem")).doesNotExist();
    }

    @Test
    void badKeyTypeIsAUsageErrorAndCreatesNoToken() {
        CliRun run = CliRun.of("create-root", "--p12", path("weak.p12"), "--password-file", rootPassword.toString(),
                "--key-alias", "root", "--key-type", "RSA_1024", "--subject", "C=FR,O=Test,CN=Weak",
                "--out", path("weak.pem"));

        assertFailed(run, 2, "--key-type");
        assertThat(run.err()).contains("RSA_1024").contains("RSA_3072").contains("EC_P384");
        assertThat(dir.resolve("weak.p12")).doesNotExist();
        assertThat(dir.resolve("weak.pem")).doesNotExist();
    }

    @Test
    void wrongPkcs11PinIsReportedWithoutThePin() throws Exception {
        Pkcs11Settings token = SoftHsmFixture.get().newToken("wrong-pin");
        String wrongPin = "wrong-" + new String(token.userPin());
        Path pinFile = Files.writeString(dir.resolve("wrong.pin"), wrongPin + "\n");

        CliRun run = CliRun.of("issue", "--csr", path("leaf.csr"), "--profile", "authentication", "--given-name", "A",
                "--surname", "B", "--organization", "C", "--siren", "217500016", "--holder-id", "H1",
                "--ca-pkcs11-module", token.modulePath().toString(), "--ca-token-label", token.tokenLabel(),
                "--ca-pin-file", pinFile.toString(), "--ca-cert", path("act.pem"), "--ca-key-alias", "act",
                "--repository-url", REPOSITORY, "--ca-id", "act", "--out", path("wrong-pin.pem"));

        assertFailed(run, 1, "Wrong user PIN");
        assertThat(run.output()).doesNotContain(wrongPin).doesNotContain(new String(token.userPin()));
        assertThat(dir.resolve("wrong-pin.pem")).doesNotExist();
    }

    @Test
    void wrongPkcs12PasswordIsReportedWithoutThePassword() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.password"), "not-" + ACT_PASSWORD + "\n");

        CliRun run = CliRun.of("crl", "--ca-p12", path("act.p12"), "--ca-password-file", wrong.toString(),
                "--ca-cert", path("act.pem"), "--ca-key-alias", "act", "--number", "1", "--out", path("wrong.crl"));

        assertFailed(run, 1, "wrong password");
        assertThat(run.output()).doesNotContain(ACT_PASSWORD);
        assertThat(dir.resolve("wrong.crl")).doesNotExist();
    }

    @Test
    void pinWrittenOnTheCommandLineIsRefusedWithoutBeingEchoed() {
        CliRun run = CliRun.of("crl", "--ca-pkcs11-module", SoftHsmFixture.get().modulePath().toString(),
                "--ca-token-label", "whatever", "--ca-pin", "S3cretPin42", "--ca-cert", path("act.pem"),
                "--ca-key-alias", "act", "--number", "1", "--out", path("inline.crl"));

        assertFailed(run, 2, "must not be written on the command line");
        assertThat(run.output()).doesNotContain("S3cretPin42");
        assertThat(dir.resolve("inline.crl")).doesNotExist();
    }

    @Test
    void noSecretAndNoConsoleIsAUsageError() {
        CliRun run = CliRun.of("crl", "--ca-p12", path("act.p12"), "--ca-cert", path("act.pem"), "--ca-key-alias", "act",
                "--number", "1", "--out", path("no-secret.crl"));

        assertFailed(run, 2, "--ca-password-file");
        assertThat(dir.resolve("no-secret.crl")).doesNotExist();
    }

    @Test
    void keyThatDoesNotMatchTheCertificateIsRefused() {
        CliRun run = CliRun.of("crl", "--ca-p12", path("act.p12"), "--ca-password-file", actPassword.toString(),
                "--ca-cert", path("root.pem"), "--ca-key-alias", "act", "--number", "1", "--out", path("mismatch.crl"));

        assertFailed(run, 1, "is not the key of");
        assertThat(dir.resolve("mismatch.crl")).doesNotExist();
    }

    @Test
    void existingCertificateIsNeverOverwritten() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("root.pem"));

        CliRun run = CliRun.of("create-root", "--p12", path("second-root.p12"), "--password-file", rootPassword.toString(),
                "--key-alias", "root", "--key-type", "EC_P256", "--subject", "C=FR,O=Test,CN=Second",
                "--out", path("root.pem"));

        assertFailed(run, 1, "refusing to overwrite");
        assertThat(Files.readAllBytes(dir.resolve("root.pem"))).isEqualTo(before);
        assertThat(dir.resolve("second-root.p12")).doesNotExist();
    }

    @Test
    void malformedRevocationListNamesTheLineAndKeepsTheNumber() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "1a2b,2025-03-01T09:30:00Z,keyCompromise\n"
                + "zz,2025-03-01T09:30:00Z,keyCompromise\n");
        Path numberFile = Files.writeString(dir.resolve("bad.crlnumber"), "7\n");

        CliRun run = CliRun.of("crl", "--ca-p12", path("act.p12"), "--ca-password-file", actPassword.toString(),
                "--ca-cert", path("act.pem"), "--ca-key-alias", "act", "--revoked", csv.toString(),
                "--number-file", numberFile.toString(), "--out", path("bad.crl"));

        assertFailed(run, 1, "bad.csv line 2: 'zz' is not a hexadecimal serial number");
        assertThat(Files.readString(numberFile)).isEqualTo("7\n");
        assertThat(dir.resolve("bad.crl")).doesNotExist();
    }

    @Test
    void ocspSignerCannotSignACrl() throws Exception {
        CliRun ocsp = CliRun.of("create-ocsp-signer", "--ca-p12", path("act.p12"), "--ca-password-file",
                actPassword.toString(), "--ca-cert", path("act.pem"), "--ca-key-alias", "act",
                "--p12", path("ocsp.p12"), "--password-file", actPassword.toString(), "--key-alias", "ocsp",
                "--key-type", "EC_P256", "--subject", "C=FR,O=Test,CN=OCSP Test", "--out", path("ocsp.pem"))
                .assertSuccess();
        assertThat(ocsp.out()).contains("OCSP signer created");

        CliRun run = CliRun.of("crl", "--ca-p12", path("ocsp.p12"), "--ca-password-file", actPassword.toString(),
                "--ca-cert", path("ocsp.pem"), "--ca-key-alias", "ocsp", "--number", "1", "--out", path("ocsp.crl"));

        assertFailed(run, 1, "may not sign CRLs");
        assertThat(dir.resolve("ocsp.crl")).doesNotExist();
    }

    @Test
    void stackTraceOnlyWithVerbose() {
        String[] args = {"crl", "--ca-p12", path("act.p12"), "--ca-password-file", actPassword.toString(),
                "--ca-cert", path("root.pem"), "--ca-key-alias", "act", "--number", "1", "--out", path("verbose.crl")};
        CliRun quiet = CliRun.of(args);
        String[] verboseArgs = new String[args.length + 1];
        System.arraycopy(args, 0, verboseArgs, 0, args.length);
        verboseArgs[args.length] = "--verbose";
        CliRun verbose = CliRun.of(verboseArgs);

        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("CeremonyException").contains("\tat fr.cartesagents.ca.ceremony.");
    }

    private static CliRun issue(String... extra) {
        String[] common = {"issue", "--profile", "authentication", "--given-name", "Jeanne", "--surname", "Martin",
                "--organization", "Commune de Test", "--siren", "217500016", "--holder-id", "H1",
                "--ca-p12", path("act.p12"), "--ca-password-file", actPassword.toString(), "--ca-cert", path("act.pem"),
                "--ca-key-alias", "act", "--repository-url", REPOSITORY, "--ca-id", "act"};
        String[] args = new String[common.length + extra.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(extra, 0, args, common.length, extra.length);
        return CliRun.of(args);
    }

    private static void assertFailed(CliRun run, int exitCode, String message) {
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(exitCode);
        assertThat(run.err()).as(run.describe()).startsWith("Error: ").contains(message).doesNotContain("\tat ");
    }

    private static String path(String name) {
        return dir.resolve(name).toString();
    }
}
