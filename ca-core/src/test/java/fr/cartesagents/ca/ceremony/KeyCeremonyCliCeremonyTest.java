package fr.cartesagents.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.testutil.SoftHsmFixture;

/**
 * A whole ceremony through the CLI as an operator runs it: root in a PKCS#12 file, issuing CA in a
 * SoftHSM2 token initialised by the CLI, OCSP signer in a PKCS#12 file, a holder certificate from an
 * openssl request, CRLs of both CAs. openssl, not our code, judges every output.
 */
class KeyCeremonyCliCeremonyTest {

    private static final String REPOSITORY = "http://pki.example.fr";

    @TempDir
    Path dir;

    @Test
    void theCardMasterKeyIsMadeOnceInTheToken_andDerivesTheSameSecretsAsTheServerWillRead() throws Exception {
        SoftHsmFixture softHsm = SoftHsmFixture.get();
        fr.cartesagents.ca.token.Pkcs11Settings token = softHsm.newToken("cards");
        Path userPin = secretFile("cards.pin", new String(token.userPin()));
        String[] create = {"create-card-master-key", "--module", softHsm.modulePath().toString(), "--token-label", token.tokenLabel(),
                "--pin-file", userPin.toString()};

        assertThat(CliRun.of(create).assertSuccess().out()).contains("card-master-key").contains(token.tokenLabel());
        try (var opened = fr.cartesagents.ca.token.Pkcs11CryptoToken.open(token)) {
            var masterKey = fr.cartesagents.ca.cardsecret.Pkcs11MasterKey.existing(opened, "card-master-key");
            assertThat(masterKey.hmacSha256(new byte[] {1, 2, 3})).hasSize(32);
        }
        // A second run never replaces the key every personalized card depends on.
        CliRun again = CliRun.of(create);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a key 'card-master-key'");
    }

    @Test
    void fullCeremonyProducesWhatOpensslAccepts() throws Exception {
        SoftHsmFixture softHsm = SoftHsmFixture.get();
        OpenSsl openssl = OpenSsl.require();
        String module = softHsm.modulePath().toString();
        String label = "act-" + HexFormat.of().formatHex(randomBytes(4));
        Path soPin = secretFile("so.pin", "so-" + HexFormat.of().formatHex(randomBytes(6)));
        Path userPin = secretFile("user.pin", "pin-" + HexFormat.of().formatHex(randomBytes(6)));
        Path rootPassword = secretFile("root.password", "root-password-" + HexFormat.of().formatHex(randomBytes(6)));
        Path ocspPassword = secretFile("ocsp.password", "ocsp-password-" + HexFormat.of().formatHex(randomBytes(6)));

        CliRun init = CliRun.of("init-token", "--module", module, "--label", label,
                "--so-pin-file", soPin.toString(), "--pin-file", userPin.toString()).assertSuccess();
        assertThat(init.out()).contains(label);

        CliRun root = CliRun.of("create-root", "--p12", path("root.p12"), "--password-file", rootPassword.toString(),
                "--key-alias", "root", "--key-type", "RSA_3072",
                "--subject", "C=FR,O=Cartes Agents Test,CN=AC Racine Cartes Agents Test",
                "--validity", "P12Y", "--out", path("root.pem"), "--der", path("root.crt")).assertSuccess();
        X509CertificateHolder rootCertificate = PemFiles.readCertificate(dir.resolve("root.pem"));
        assertThat(root.out()).contains(CertificateReport.fingerprint(rootCertificate));
        assertThat(Files.readAllBytes(dir.resolve("root.crt"))).isEqualTo(rootCertificate.getEncoded());

        CliRun issuing = CliRun.of("create-issuing-ca",
                "--root-p12", path("root.p12"), "--root-password-file", rootPassword.toString(),
                "--root-cert", path("root.pem"), "--root-key-alias", "root",
                "--pkcs11-module", module, "--token-label", label, "--pin-file", userPin.toString(),
                "--key-alias", "act", "--key-type", "RSA_3072",
                "--subject", "C=FR,O=Cartes Agents Test,CN=AC Acteurs des Collectivités Territoriales Test",
                "--validity", "P6Y", "--repository-url", REPOSITORY, "--root-id", "root",
                "--out", path("act.pem"), "--der", path("act.crt"), "--chain-out", path("chain.pem")).assertSuccess();
        assertThat(issuing.err()).contains("holder certificates (P3Y) issued after");
        X509CertificateHolder act = PemFiles.readCertificate(dir.resolve("act.pem"));
        assertThat(PemFiles.readCertificates(dir.resolve("chain.pem"))).containsExactly(act, rootCertificate);
        assertThat(openssl.runSuccessfully("x509", "-in", path("act.pem"), "-noout", "-text").stdout())
                .contains("URI:" + REPOSITORY + "/pki/crl/root.crl")
                .contains("CA Issuers - URI:" + REPOSITORY + "/pki/ca/root.crt")
                .contains("CA:TRUE, pathlen:0");
        openssl.runSuccessfully("verify", "-x509_strict", "-CAfile", path("root.pem"), path("act.pem"));

        CliRun ocsp = CliRun.of("create-ocsp-signer",
                "--ca-pkcs11-module", module, "--ca-token-label", label, "--ca-pin-file", userPin.toString(),
                "--ca-cert", path("act.pem"), "--ca-key-alias", "act",
                "--p12", path("ocsp.p12"), "--password-file", ocspPassword.toString(),
                "--key-alias", "ocsp", "--key-type", "EC_P256",
                "--subject", "C=FR,O=Cartes Agents Test,CN=Répondeur OCSP Test", "--out", path("ocsp.pem"))
                .assertSuccess();
        assertThat(ocsp.out()).contains("OCSP signer created");
        ProcessResult ocspText = openssl.runSuccessfully("x509", "-in", path("ocsp.pem"), "-noout", "-text");
        assertThat(ocspText.stdout()).contains("OCSP Signing").contains("OCSP No Check");
        openssl.runSuccessfully("verify", "-x509_strict", "-CAfile", path("root.pem"), "-untrusted", path("act.pem"),
                path("ocsp.pem"));

        openssl.runSuccessfully("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", path("leaf.key"),
                "-subj", "/CN=ignored by the CA", "-out", path("leaf.csr"));
        CliRun issue = CliRun.of("issue", "--csr", path("leaf.csr"), "--profile", "authentication",
                "--given-name", "Jeanne", "--surname", "Martin", "--organization", "Commune de Test",
                "--siren", "217500016", "--holder-id", "AGT-000042",
                "--ca-pkcs11-module", module, "--ca-token-label", label, "--ca-pin-file", userPin.toString(),
                "--ca-cert", path("act.pem"), "--ca-key-alias", "act",
                "--repository-url", REPOSITORY, "--ca-id", "act", "--out", path("leaf.pem")).assertSuccess();
        X509CertificateHolder leaf = PemFiles.readCertificate(dir.resolve("leaf.pem"));
        String serial = issue.serial();
        assertThat(new BigInteger(serial, 16)).isEqualTo(leaf.getSerialNumber());
        assertThat(leaf.getSubject().toString()).contains("CN=Jeanne MARTIN").contains("OU=0002 217500016");
        ProcessResult verified = openssl.runSuccessfully("verify", "-x509_strict", "-CAfile", path("root.pem"),
                "-untrusted", path("act.pem"), path("leaf.pem"));
        assertThat(verified.stdout()).contains("leaf.pem: OK");

        Files.writeString(dir.resolve("revoked.csv"), "# serial,revocation time,reason,invalidity date\n"
                + serial + ",2025-03-01T09:30:00Z,keyCompromise,2025-02-28T00:00:00Z\n");
        Files.writeString(dir.resolve("act.crlnumber"), "0\n");
        CliRun actCrl = CliRun.of("crl", "--ca-pkcs11-module", module, "--ca-token-label", label,
                "--ca-pin-file", userPin.toString(), "--ca-cert", path("act.pem"), "--ca-key-alias", "act",
                "--revoked", path("revoked.csv"), "--number-file", path("act.crlnumber"),
                "--out", path("act.crl"), "--pem", path("act.crl.pem")).assertSuccess();
        assertThat(actCrl.out()).contains("number:      1").contains("entries:     1");
        assertThat(Files.readString(dir.resolve("act.crlnumber")).strip()).isEqualTo("1");
        ProcessResult crlCheck = openssl.runSuccessfully("crl", "-inform", "DER", "-in", path("act.crl"),
                "-CAfile", path("chain.pem"), "-noout");
        assertThat(crlCheck.output()).contains("verify OK");
        ProcessResult crlText = openssl.runSuccessfully("crl", "-in", path("act.crl.pem"), "-noout", "-text");
        assertThat(crlText.stdout()).containsIgnoringCase("Serial Number: " + (serial.length() % 2 == 0 ? serial : "0" + serial))
                .contains("Key Compromise").contains("Invalidity Date");
        assertThat(new X509CRLHolder(Files.readAllBytes(dir.resolve("act.crl"))).getRevokedCertificate(leaf.getSerialNumber()))
                .isNotNull();

        CliRun rootCrl = CliRun.of("crl", "--ca-p12", path("root.p12"), "--ca-password-file", rootPassword.toString(),
                "--ca-cert", path("root.pem"), "--ca-key-alias", "root", "--number", "1", "--next-update", "P90D",
                "--out", path("root.crl")).assertSuccess();
        assertThat(rootCrl.out()).contains("entries:     0");
        assertThat(openssl.runSuccessfully("crl", "-inform", "DER", "-in", path("root.crl"), "-CAfile", path("root.pem"),
                "-noout").output()).contains("verify OK");

        // With both CRLs, openssl finds the holder certificate revoked: the CRL really speaks for it.
        openssl.runSuccessfully("crl", "-inform", "DER", "-in", path("root.crl"), "-out", path("root.crl.pem"));
        ProcessResult revokedCheck = openssl.run("verify", "-x509_strict", "-crl_check_all", "-CAfile", path("root.pem"),
                "-untrusted", path("act.pem"), "-CRLfile", path("root.crl.pem"), "-CRLfile", path("act.crl.pem"),
                path("leaf.pem"));
        assertThat(revokedCheck.exitCode()).isNotZero();
        assertThat(revokedCheck.output()).contains("certificate revoked");

        // The next CRL draws the next number from the file, into a new file: a CRL output is never overwritten.
        CliRun second = CliRun.of("crl", "--ca-pkcs11-module", module, "--ca-token-label", label,
                "--ca-pin-file", userPin.toString(), "--ca-cert", path("act.pem"), "--ca-key-alias", "act",
                "--revoked", path("revoked.csv"), "--number-file", path("act.crlnumber"), "--out", path("act-2.crl"))
                .assertSuccess();
        assertThat(second.out()).contains("number:      2");
        assertThat(Files.readString(dir.resolve("act.crlnumber")).strip()).isEqualTo("2");

        for (Path secret : new Path[] {soPin, userPin, rootPassword, ocspPassword}) {
            String value = Files.readString(secret).strip();
            for (CliRun run : new CliRun[] {init, root, issuing, ocsp, issue, actCrl, rootCrl, second}) {
                assertThat(run.output()).doesNotContain(value);
            }
        }
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private Path secretFile(String name, String secret) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, secret + "\n");
        return file;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
