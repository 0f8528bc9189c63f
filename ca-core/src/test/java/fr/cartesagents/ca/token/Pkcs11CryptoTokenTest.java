package fr.cartesagents.ca.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SIGN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VERIFY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.testutil.ProcessRunner;
import fr.cartesagents.ca.testutil.RequiredTool;
import fr.cartesagents.ca.testutil.SoftHsmFixture;

class Pkcs11CryptoTokenTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static SoftHsmFixture softHsm;

    @BeforeAll
    static void softHsm() {
        softHsm = SoftHsmFixture.get();
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"RSA_2048", "RSA_3072", "EC_P256", "EC_P384"})
    void generatesInTheTokenAndSignsVerifiably(KeySpec spec) throws Exception {
        try (Pkcs11CryptoToken token = softHsm.openNewToken("gen")) {
            PublicKey publicKey = token.generateKeyPair("ca-key", spec);
            assertThat(publicKey.getAlgorithm()).isEqualTo(spec.isRsa() ? "RSA" : "EC");
            assertThat(token.publicKey("ca-key")).contains(publicKey);

            for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
                if (algorithm.isRsa() != spec.isRsa()) {
                    continue;
                }
                byte[] message = ("message for " + algorithm).getBytes(StandardCharsets.UTF_8);
                byte[] signature = sign(token.contentSigner("ca-key", algorithm), message);
                assertThat(verify(publicKey, algorithm, message, signature)).as(algorithm.name()).isTrue();
                assertThat(verify(publicKey, algorithm, "another message".getBytes(StandardCharsets.UTF_8), signature))
                        .as("signature must not verify another message").isFalse();
            }
        }
    }

    @Test
    void signsCertificatesThatBouncyCastleVerifiesAndStoresThem() throws Exception {
        try (Pkcs11CryptoToken token = softHsm.openNewToken("cert")) {
            PublicKey publicKey = token.generateKeyPair("root", KeySpec.EC_P384);
            X500Name name = new X500Name("CN=Test Root,O=Cartes Agents,C=FR");
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(42), Date.from(now),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), name, publicKey)
                    .build(token.contentSigner("root", SignatureAlgorithm.SHA384_WITH_ECDSA));
            assertThat(certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(publicKey)))
                    .isTrue();

            assertThat(token.certificate("root")).isEmpty();
            token.storeCertificate("root", certificate);
            assertThat(token.certificate("root")).contains(certificate);
            token.storeCertificate("root", certificate);
            assertThat(token.certificate("root")).as("storing again replaces").contains(certificate);

            token.generateKeyPair("other", KeySpec.EC_P256);
            assertThatThrownBy(() -> token.storeCertificate("other", certificate))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("does not certify");
        }
    }

    @Test
    void keysAreFoundAgainAfterReopening() throws Exception {
        Pkcs11Settings settings = softHsm.newToken("reopen");
        PublicKey generated;
        try (Pkcs11CryptoToken token = Pkcs11CryptoToken.open(settings)) {
            generated = token.generateKeyPair("persistent", KeySpec.RSA_2048);
        }
        try (Pkcs11CryptoToken reopened = Pkcs11CryptoToken.open(settings)) {
            assertThat(reopened.publicKey("persistent")).contains(generated);
            assertThat(reopened.publicKey("never-generated")).isEmpty();
            byte[] message = "after reopening".getBytes(StandardCharsets.UTF_8);
            byte[] signature = sign(reopened.contentSigner("persistent", SignatureAlgorithm.SHA256_WITH_RSA), message);
            assertThat(verify(generated, SignatureAlgorithm.SHA256_WITH_RSA, message, signature)).isTrue();
        }
    }

    @Test
    void privateKeyIsSensitiveAndNotExtractable() throws Exception {
        Pkcs11Settings settings = softHsm.newToken("attrs");
        try (Pkcs11CryptoToken token = Pkcs11CryptoToken.open(settings)) {
            token.generateKeyPair("guarded", KeySpec.EC_P256);
        }
        // Read the attributes back through an independent session, not through the class under test.
        Session session = openUserSession(settings);
        try {
            long[] privateKeys = session.findObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY).label("guarded"), 2);
            long[] publicKeys = session.findObjectsSingle(new AttributeVector().class_(CKO_PUBLIC_KEY).label("guarded"), 2);
            assertThat(privateKeys).hasSize(1);
            assertThat(publicKeys).hasSize(1);
            AttributeVector priv = session.getAttrValues(privateKeys[0], CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_TOKEN, CKA_PRIVATE,
                    CKA_SIGN, CKA_ID);
            assertThat(priv.sensitive()).isTrue();
            assertThat(priv.extractable()).isFalse();
            assertThat(priv.token()).isTrue();
            assertThat(priv.private_()).isTrue();
            assertThat(priv.sign()).isTrue();
            AttributeVector pub = session.getAttrValues(publicKeys[0], CKA_VERIFY, CKA_ID, CKA_TOKEN);
            assertThat(pub.verify()).isTrue();
            assertThat(pub.token()).isTrue();
            assertThat(pub.id()).isEqualTo(priv.id()).isEqualTo(Pkcs11CryptoToken.keyId("guarded"));
        } finally {
            session.closeSession();
        }

        Path pkcs11Tool = RequiredTool.pkcs11Tool().require();
        ProcessResult listing = ProcessRunner.command(pkcs11Tool.toString(), "--module", softHsm.modulePath().toString(),
                        "--token-label", settings.tokenLabel(), "--login", "--pin", new String(settings.userPin()),
                        "--list-objects")
                .environment("SOFTHSM2_CONF", softHsm.configFile().toString())
                .run()
                .assertSuccess();
        assertThat(listing.stdout())
                .contains("Private Key Object; EC")
                .contains("label:      guarded")
                .containsPattern("(?s)Private Key Object.*?label:\\s+guarded.*?Access:\\s+sensitive, always sensitive, never extractable");
    }

    @Test
    void concurrentSignersAllProduceValidSignatures() throws Exception {
        try (Pkcs11CryptoToken token = softHsm.openNewToken("threads")) {
            PublicKey rsa = token.generateKeyPair("rsa", KeySpec.RSA_2048);
            PublicKey ec = token.generateKeyPair("ec", KeySpec.EC_P256);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Boolean>> jobs = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    boolean useRsa = i % 2 == 0;
                    byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
                    jobs.add(() -> {
                        SignatureAlgorithm algorithm = useRsa ? SignatureAlgorithm.SHA256_WITH_RSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
                        byte[] signature = sign(token.contentSigner(useRsa ? "rsa" : "ec", algorithm), message);
                        return verify(useRsa ? rsa : ec, algorithm, message, signature);
                    });
                }
                List<Future<Boolean>> results = pool.invokeAll(jobs);
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void largeContentIsStreamedThroughTheDigest() throws Exception {
        try (Pkcs11CryptoToken token = softHsm.openNewToken("large")) {
            PublicKey publicKey = token.generateKeyPair("k", KeySpec.EC_P256);
            ContentSigner signer = token.contentSigner("k", SignatureAlgorithm.SHA256_WITH_ECDSA);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            byte[] chunk = new byte[1 << 16];
            try (OutputStream out = signer.getOutputStream()) {
                for (int i = 0; i < 256; i++) {
                    chunk[0] = (byte) i;
                    out.write(chunk);
                    verifier.update(chunk);
                }
            }
            assertThat(verifier.verify(signer.getSignature())).isTrue();
            assertThatThrownBy(signer::getSignature).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void wrongPinIsRefusedWithoutRevealingIt() {
        Pkcs11Settings settings = softHsm.newToken("pin");
        String wrongPin = "987654321";
        Pkcs11Settings wrong = new Pkcs11Settings(settings.modulePath(), settings.tokenLabel(), wrongPin.toCharArray());
        assertThatThrownBy(() -> Pkcs11CryptoToken.open(wrong))
                .isInstanceOf(CryptoTokenException.class)
                .hasMessageContaining("Wrong user PIN")
                .hasMessageContaining(settings.tokenLabel())
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage()))
                                .doesNotContain(wrongPin)
                                .doesNotContain(new String(settings.userPin()));
                    }
                });
        assertThat(wrong.toString()).doesNotContain(wrongPin);
    }

    @Test
    void missingTokenOrAliasIsReportedClearly() {
        Pkcs11Settings absent = new Pkcs11Settings(softHsm.modulePath(), "no-such-token-label", "1234".toCharArray());
        assertThatThrownBy(() -> Pkcs11CryptoToken.open(absent))
                .isInstanceOf(CryptoTokenException.class)
                .hasMessageContaining("No PKCS#11 token labelled 'no-such-token-label'");

        try (Pkcs11CryptoToken token = softHsm.openNewToken("alias")) {
            assertThatThrownBy(() -> token.contentSigner("nobody", SignatureAlgorithm.SHA256_WITH_RSA))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("No private key 'nobody'");
            token.generateKeyPair("taken", KeySpec.EC_P256);
            assertThatThrownBy(() -> token.generateKeyPair("taken", KeySpec.EC_P256))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("'taken' already exists");
            assertThatThrownBy(() -> token.contentSigner("taken", SignatureAlgorithm.SHA256_WITH_RSA))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("cannot sign");
        }
    }

    @Test
    void initializingATakenLabelFails() {
        Pkcs11Settings settings = softHsm.newToken("dup");
        assertThatThrownBy(() -> Pkcs11CryptoToken.initializeToken(softHsm.modulePath(), settings.tokenLabel(),
                        softHsm.soPin(), "1234".toCharArray()))
                .isInstanceOf(CryptoTokenException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void twoInstancesOnOneTokenDoNotLogEachOtherOut() throws Exception {
        Pkcs11Settings settings = softHsm.newToken("shared");
        try (Pkcs11CryptoToken first = Pkcs11CryptoToken.open(settings)) {
            PublicKey key = first.generateKeyPair("k", KeySpec.EC_P256);
            Pkcs11CryptoToken second = Pkcs11CryptoToken.open(settings);
            second.close();
            byte[] message = "still logged in".getBytes(StandardCharsets.UTF_8);
            byte[] signature = sign(first.contentSigner("k", SignatureAlgorithm.SHA256_WITH_ECDSA), message);
            assertThat(verify(key, SignatureAlgorithm.SHA256_WITH_ECDSA, message, signature)).isTrue();
        }
    }

    private static Session openUserSession(Pkcs11Settings settings) throws Exception {
        PKCS11Module module = Pkcs11Modules.load(settings.modulePath());
        for (Slot slot : module.getSlotList(true)) {
            Token token = slot.getToken();
            if (token.getTokenInfo().getLabel().trim().equals(settings.tokenLabel())) {
                Session session = token.openSession(false);
                try {
                    session.login(CKU_USER, settings.userPin());
                } catch (org.xipki.pkcs11.wrapper.PKCS11Exception e) {
                    if (e.getErrorCode() != org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN) {
                        throw e;
                    }
                }
                return session;
            }
        }
        throw new AssertionError("token " + settings.tokenLabel() + " not found");
    }

    private static byte[] sign(ContentSigner signer, byte[] message) throws IOException {
        try (OutputStream out = signer.getOutputStream()) {
            out.write(message);
        }
        return signer.getSignature();
    }

    private static boolean verify(PublicKey key, SignatureAlgorithm algorithm, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm.jcaName(), BC);
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }
}
