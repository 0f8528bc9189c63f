package fr.cartesagents.ca.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;

class Pkcs12CryptoTokenTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void generatesEveryKeySpecAndSignsVerifiably(KeySpec spec) throws Exception {
        Path file = directory.resolve("token.p12");
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(file, PASSWORD)) {
            PublicKey publicKey = token.generateKeyPair("ca", spec);

            assertThat(publicKey.getAlgorithm()).isEqualTo(spec.isRsa() ? "RSA" : "EC");
            assertThat(token.publicKey("ca")).contains(publicKey);
            SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(publicKey);
            byte[] message = "to be signed".getBytes(StandardCharsets.UTF_8);
            byte[] signature = sign(token.contentSigner("ca", algorithm), message);

            Signature verifier = Signature.getInstance(algorithm.jcaName());
            verifier.initVerify(publicKey);
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
        }
    }

    @Test
    void keysSurviveReopening() {
        Path file = directory.resolve("token.p12");
        PublicKey generated;
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(file, PASSWORD)) {
            generated = token.generateKeyPair("root", KeySpec.EC_P256);
        }
        try (Pkcs12CryptoToken reopened = Pkcs12CryptoToken.open(file, PASSWORD)) {
            assertThat(reopened.publicKey("root")).contains(generated);
            assertThat(reopened.publicKey("absent")).isEmpty();
        }
    }

    @Test
    void fileIsReadableByItsOwnerOnlyAndNoTemporaryFileRemains() throws IOException {
        Path file = directory.resolve("token.p12");
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(file, PASSWORD)) {
            token.generateKeyPair("a", KeySpec.EC_P256);
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (var listing = Files.list(directory)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void wrongPasswordIsRefusedWithoutEchoingIt() {
        Path file = directory.resolve("token.p12");
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(file, PASSWORD)) {
            token.generateKeyPair("a", KeySpec.EC_P256);
        }
        String wrong = "wrong-password-42";
        assertThatThrownBy(() -> Pkcs12CryptoToken.open(file, wrong.toCharArray()))
                .isInstanceOf(CryptoTokenException.class)
                .hasMessageContaining("password")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(new String(PASSWORD));
                    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                        assertThat(String.valueOf(cause.getMessage())).doesNotContain(wrong);
                    }
                });
    }

    @Test
    void refusesToOverwriteAnExistingFileOrAlias() throws IOException {
        Path file = directory.resolve("token.p12");
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(file, PASSWORD)) {
            token.generateKeyPair("a", KeySpec.EC_P256);
            assertThatThrownBy(() -> token.generateKeyPair("a", KeySpec.EC_P384))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("'a' already exists");
        }
        assertThatThrownBy(() -> Pkcs12CryptoToken.create(file, PASSWORD))
                .isInstanceOf(CryptoTokenException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> Pkcs12CryptoToken.open(directory.resolve("missing.p12"), PASSWORD))
                .isInstanceOf(CryptoTokenException.class)
                .hasMessageContaining("does not exist");
        Path garbage = Files.writeString(directory.resolve("garbage.p12"), "not a key store");
        assertThatThrownBy(() -> Pkcs12CryptoToken.open(garbage, PASSWORD))
                .isInstanceOf(CryptoTokenException.class);
    }

    @Test
    void signingWithAMissingAliasOrMismatchedAlgorithmFails() {
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(directory.resolve("t.p12"), PASSWORD)) {
            token.generateKeyPair("ec", KeySpec.EC_P256);
            assertThatThrownBy(() -> token.contentSigner("absent", SignatureAlgorithm.SHA256_WITH_ECDSA))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("absent");
            assertThatThrownBy(() -> token.contentSigner("ec", SignatureAlgorithm.SHA256_WITH_RSA))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("cannot sign");
        }
    }

    @Test
    void closedTokenRefusesToWork() {
        Pkcs12CryptoToken token = Pkcs12CryptoToken.create(directory.resolve("t.p12"), PASSWORD);
        token.close();
        assertThatThrownBy(() -> token.generateKeyPair("a", KeySpec.EC_P256))
                .isInstanceOf(CryptoTokenException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void storedCertificateChainReplacesThePlaceholderAndPersists() throws Exception {
        Path file = directory.resolve("token.p12");
        X509CertificateHolder certificate;
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(file, PASSWORD)) {
            PublicKey publicKey = token.generateKeyPair("root", KeySpec.EC_P384);
            X509CertificateHolder placeholder = token.certificateChain("root").orElseThrow()[0];
            assertThat(placeholder.getSubject().toString()).contains("Placeholder");

            X500Name name = new X500Name("CN=Test Root,O=Cartes Agents,C=FR");
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            certificate = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(now),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), name, publicKey)
                    .build(token.contentSigner("root", SignatureAlgorithm.SHA384_WITH_ECDSA));
            token.storeCertificateChain("root", certificate);
        }
        try (Pkcs12CryptoToken reopened = Pkcs12CryptoToken.open(file, PASSWORD)) {
            X509CertificateHolder[] chain = reopened.certificateChain("root").orElseThrow();
            assertThat(chain).containsExactly(certificate);
            assertThat(chain[0].isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(reopened.publicKey("root").orElseThrow()))).isTrue();
        }
    }

    @Test
    void refusesACertificateForAnotherKey() throws Exception {
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(directory.resolve("t.p12"), PASSWORD)) {
            token.generateKeyPair("a", KeySpec.EC_P256);
            token.generateKeyPair("b", KeySpec.EC_P256);
            X509CertificateHolder ofB = token.certificateChain("b").orElseThrow()[0];
            assertThatThrownBy(() -> token.storeCertificateChain("a", ofB))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("does not certify");
            assertThat(token.certificateChain("a").orElseThrow()[0].getSubject().toString()).contains("Placeholder");
        }
    }

    @Test
    void opensslReadsTheTokenFile() {
        OpenSsl openssl = OpenSsl.require();
        Path file = directory.resolve("token.p12");
        try (Pkcs12CryptoToken token = Pkcs12CryptoToken.create(file, PASSWORD)) {
            token.generateKeyPair("interop", KeySpec.RSA_2048);
        }
        ProcessResult keys = openssl.run("pkcs12", "-in", file.toString(), "-passin", "pass:" + new String(PASSWORD),
                "-nocerts", "-nodes");
        assertThat(keys.succeeded()).as(keys::describe).isTrue();
        assertThat(keys.stdout()).contains("friendlyName: interop").contains("-----BEGIN PRIVATE KEY-----");

        ProcessResult wrong = openssl.run("pkcs12", "-in", file.toString(), "-passin", "pass:not-the-password", "-nokeys");
        assertThat(wrong.succeeded()).isFalse();
    }

    private static byte[] sign(ContentSigner signer, byte[] message) throws IOException {
        try (OutputStream out = signer.getOutputStream()) {
            out.write(message);
        }
        return signer.getSignature();
    }
}
