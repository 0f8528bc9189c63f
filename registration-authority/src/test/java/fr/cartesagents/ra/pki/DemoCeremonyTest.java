package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ra.config.CartesDataDirectory;

/** The demo ceremony on its own, with PKCS#12 tokens and a clock that the test moves. */
class DemoCeremonyTest {

    private static final Path NO_SOFTHSM = Path.of("/nonexistent/libsofthsm2.so");
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path directory;

    @Test
    void whenRunOnAnEmptyDirectory_thenItWritesTheOperatorFilesPrivately() throws Exception {
        try (OperationalPki pki = ceremonyAt(START).establish()) {
            assertThat(pki.rootSigner()).isPresent();
            for (String file : List.of("admin.p12", "admin.p12.password", "pki/demo-secrets.properties", "pki/root.p12", "pki/act.p12")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(file))))
                        .as(file).isEqualTo("rw-------");
            }
            X509Certificate admin = adminCertificate();
            assertThat(admin.getSubjectX500Principal().getName()).contains("CN=Administrateur (démo)");
            assertThat(Files.readString(directory.resolve("ca-chain.pem"))).contains("BEGIN CERTIFICATE");
            assertThat(directory.resolve("pki.staging")).doesNotExist();
        }
    }

    @Test
    void whenRestarted_thenTheSameKeysAreOpenedAndNothingIsRenewedEarly() throws Exception {
        byte[] ocsp;
        byte[] tls;
        try (OperationalPki first = ceremonyAt(START).establish()) {
            ocsp = first.ocspSigner().certificate().getEncoded();
            tls = first.tls().chain().get(0).getEncoded();
        }
        try (OperationalPki again = ceremonyAt(START.plus(Duration.ofDays(100))).establish()) {
            assertThat(again.ocspSigner().certificate().getEncoded()).isEqualTo(ocsp);
            assertThat(again.tls().chain().get(0).getEncoded()).isEqualTo(tls);
        }
    }

    @Test
    void whenRestartedNearTheEndOfTheServiceCertificates_thenTheyAreRenewedUnderTheSameCas() throws Exception {
        OperationalPki first = ceremonyAt(START).establish();
        byte[] root = first.rootCertificate().getEncoded();
        byte[] issuing = first.issuing().certificate().getEncoded();
        Instant oldOcspEnd = first.ocspSigner().certificate().getNotAfter().toInstant();
        X509Certificate oldTls = first.tls().chain().get(0);
        X509Certificate oldAdmin = adminCertificate();
        first.close();

        Instant later = oldOcspEnd.minus(Duration.ofDays(10));
        try (OperationalPki renewed = ceremonyAt(later).establish()) {
            assertThat(renewed.rootCertificate().getEncoded()).isEqualTo(root);
            assertThat(renewed.issuing().certificate().getEncoded()).isEqualTo(issuing);
            assertThat(renewed.ocspSigner().certificate().getNotAfter().toInstant()).isAfter(oldOcspEnd);
            assertThat(renewed.tls().chain().get(0).getNotAfter()).isAfter(oldTls.getNotAfter());
            assertThat(adminCertificate().getNotAfter()).isAfter(oldAdmin.getNotAfter());
            assertThat(renewed.demoAdministratorFingerprint()).isPresent();

            // The renewed OCSP signer's key is the one its certificate names.
            X509Certificate ocspCertificate = new JcaX509CertificateConverter().getCertificate(renewed.ocspSigner().certificate());
            var signer = renewed.ocspSigner().contentSigner();
            try (OutputStream out = signer.getOutputStream()) {
                out.write("status".getBytes());
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(ocspCertificate.getPublicKey());
            verifier.update("status".getBytes());
            assertThat(verifier.verify(signer.getSignature())).isTrue();
        }
    }

    private DemoCeremony ceremonyAt(Instant instant) {
        return new DemoCeremony(new CartesDataDirectory(directory), URI.create("http://localhost:8080"), PkiSettings.defaults(),
                List.of("localhost", "127.0.0.1"), NO_SOFTHSM, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private X509Certificate adminCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] password = Files.readString(directory.resolve("admin.p12.password")).toCharArray();
        try (InputStream in = Files.newInputStream(directory.resolve("admin.p12"))) {
            store.load(in, password);
        }
        return (X509Certificate) store.getCertificate("admin");
    }
}
