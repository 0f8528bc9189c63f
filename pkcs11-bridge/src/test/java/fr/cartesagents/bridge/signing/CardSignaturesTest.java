package fr.cartesagents.bridge.signing;

import static fr.cartesagents.bridge.pkcs11.TestCard.userPin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.CertificateAuthorityIssuer;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.token.KeySpec;

class CardSignaturesTest {

    @TempDir
    Path directory;

    private TestHierarchy hierarchy;
    private CertificateAuthorityIssuer issuer;
    private TestCard card;
    private Map<KeyRole, List<X509CertificateHolder>> chains;

    @BeforeEach
    void personalizedCard() {
        hierarchy = TestHierarchy.create(directory, KeySpec.RSA_2048);
        issuer = new CertificateAuthorityIssuer(hierarchy, TestSubjects.marieDupont());
        card = SoftHsmCards.get().newCard("signing");
        chains = issuer.personalize(card);
    }

    @AfterEach
    void tearDown() {
        hierarchy.close();
    }

    @Test
    void whenFileSignedWithCms_thenBouncyCastleAndOpenSslVerifyIt_andRejectAnotherContent() throws Exception {
        Path document = directory.resolve("deliberation.xml");
        Files.writeString(document, "<deliberation numero=\"2026-042\">Budget primitif</deliberation>\n");
        X509CertificateHolder signer = chains.get(KeyRole.SIGNATURE).get(0);
        byte[] signature;
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
            signature = CmsSigner.signDetached(authenticated, signer, issuer.caChain(), new CMSProcessableFile(document.toFile()));
        }

        CMSSignedData signed = new CMSSignedData(new CMSProcessableFile(document.toFile()), signature);
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        assertThat(signers).hasSize(1);
        SignerInformation information = signers.iterator().next();
        assertThat(information.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer))).isTrue();
        assertThat(information.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
        assertThat(information.getSignedAttributes().get(PKCSObjectIdentifiers.pkcs_9_at_signingTime)).isNotNull();
        assertThat(signed.getCertificates().getMatches(null)).contains(signer, hierarchy.issuing().certificate());
        assertThat(signed.isDetachedSignature()).isTrue();

        Path signatureFile = directory.resolve("deliberation.xml.p7s");
        Files.write(signatureFile, signature);
        Path caFile = directory.resolve("ca-chain.pem");
        PemFiles.writeChain(caFile, issuer.caChain());
        OpenSsl openSsl = OpenSsl.require();
        ProcessResult verified = openSsl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", signatureFile.toString(),
                "-content", document.toString(), "-CAfile", caFile.toString(), "-out", directory.resolve("out").toString());
        assertThat(verified.exitCode()).as(verified.describe()).isZero();
        assertThat(verified.stderr()).contains("Verification successful");

        Path altered = directory.resolve("altered.xml");
        Files.writeString(altered, "<deliberation numero=\"2026-042\">Budget modifié</deliberation>\n");
        ProcessResult refused = openSsl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", signatureFile.toString(),
                "-content", altered.toString(), "-CAfile", caFile.toString(), "-out", directory.resolve("out2").toString());
        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
    }

    @Test
    void whenCertificateIsNotTheCardsSignatureCertificate_thenRefusedBeforeSigning() {
        X509CertificateHolder authentication = chains.get(KeyRole.AUTHENTICATION).get(0);
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
            assertThatThrownBy(() -> CmsSigner.signDetached(authenticated, authentication, List.of(),
                    new CMSProcessableByteArray(new byte[] {1})))
                    .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.failure()).isEqualTo(CardFailure.KEY_NOT_FOUND));
        }
    }

    @Test
    void whenChallengeSigned_thenTheAuthenticationCertificateVerifiesItOverTheBoundStructureOnly() throws Exception {
        byte[] challenge = "nonce-7c1e9a2f-login".getBytes(StandardCharsets.US_ASCII);
        LoginChallenge bound = new LoginChallenge("https://portail.example.fr", challenge);
        ChallengeSigner.SignedChallenge signed;
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
            signed = ChallengeSigner.sign(authenticated, bound);
        }
        assertThat(new String(signed.signedData(), StandardCharsets.UTF_8)).startsWith(LoginChallenge.PREFIX)
                .contains("origin: https://portail.example.fr\n");
        Signature verifier = Signature.getInstance(signed.algorithm().jcaName());
        verifier.initVerify(new JcaX509CertificateConverter().getCertificate(chains.get(KeyRole.AUTHENTICATION).get(0)));
        verifier.update(bound.toBeSigned());
        assertThat(verifier.verify(signed.signature())).isTrue();
        verifier.initVerify(new JcaX509CertificateConverter().getCertificate(chains.get(KeyRole.AUTHENTICATION).get(0)));
        verifier.update(challenge);
        assertThat(verifier.verify(signed.signature())).as("never a signature over the caller's bytes as they are").isFalse();
        verifier.initVerify(new JcaX509CertificateConverter().getCertificate(chains.get(KeyRole.SIGNATURE).get(0)).getPublicKey());
        verifier.update(bound.toBeSigned());
        assertThat(verifier.verify(signed.signature())).isFalse();
    }

    @Test
    void whenTheChallengeIsNotANonce_thenNothingIsSigned() {
        assertThatThrownBy(() -> new LoginChallenge("https://portail.example.fr", new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginChallenge("https://portail.example.fr", new byte[65])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginChallenge("https://a.example fr", new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }
}
