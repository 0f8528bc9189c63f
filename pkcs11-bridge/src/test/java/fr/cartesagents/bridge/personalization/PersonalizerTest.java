package fr.cartesagents.bridge.personalization;

import static fr.cartesagents.bridge.pkcs11.TestCard.userPin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.testutil.ProcessRunner;
import fr.cartesagents.ca.testutil.RequiredTool;
import fr.cartesagents.ca.token.KeySpec;

class PersonalizerTest {

    static final X500Name REQUESTED = new X500Name("CN=Marie-Hélène DUPONT");

    @TempDir
    Path directory;

    private TestHierarchy hierarchy;
    private CertificateAuthorityIssuer issuer;
    private TestCard card;

    @BeforeEach
    void setUp() {
        hierarchy = TestHierarchy.create(directory, KeySpec.RSA_2048);
        issuer = new CertificateAuthorityIssuer(hierarchy, TestSubjects.marieDupont());
        card = SoftHsmCards.get().newCard("perso");
    }

    @AfterEach
    void tearDown() {
        hierarchy.close();
    }

    @Test
    void whenPersonalized_thenBothCertificatesSitNextToTheirKeysWithTheirProfiles() throws Exception {
        Map<KeyRole, List<X509CertificateHolder>> chains = personalize();

        X509CertificateHolder authentication = chains.get(KeyRole.AUTHENTICATION).get(0);
        X509CertificateHolder signature = chains.get(KeyRole.SIGNATURE).get(0);
        assertThat(authentication.getSubject()).isEqualTo(TestSubjects.marieDupont().toX500Name());
        assertThat(KeyUsage.fromExtensions(authentication.getExtensions()).hasUsages(KeyUsage.digitalSignature)).isTrue();
        assertThat(KeyUsage.fromExtensions(signature.getExtensions()).hasUsages(KeyUsage.nonRepudiation)).isTrue();
        assertThat(authentication.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(authentication.getSubjectPublicKeyInfo()).isNotEqualTo(signature.getSubjectPublicKeyInfo());
        try (Pkcs11CardDriver driver = card.driver()) {
            assertThat(driver.info().certificates())
                    .containsEntry(KeyRole.AUTHENTICATION, authentication)
                    .containsEntry(KeyRole.SIGNATURE, signature);
        }
    }

    @Test
    void whenPersonalizedTwice_thenNewKeysReplaceTheOldOnes() throws Exception {
        Map<KeyRole, List<X509CertificateHolder>> first = personalize();
        Map<KeyRole, List<X509CertificateHolder>> second = personalize();
        assertThat(second.get(KeyRole.SIGNATURE).get(0).getSubjectPublicKeyInfo())
                .isNotEqualTo(first.get(KeyRole.SIGNATURE).get(0).getSubjectPublicKeyInfo());
        ProcessResult objects = listObjects();
        assertThat(count(objects.stdout(), "Private Key Object")).isEqualTo(2);
        assertThat(count(objects.stdout(), "Certificate Object")).isEqualTo(2);
    }

    @Test
    void whenIssuerReturnsACertificateForAnotherKey_thenNothingIsWritten() {
        // an issuer that answers with the CA's own certificate: a certificate, but not for the card's key
        CertificateIssuer wrongKey = (request, role) -> issuer.issue(request, role).subList(1, 3);
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
            assertThatThrownBy(() -> new Personalizer(wrongKey).personalize(authenticated, REQUESTED))
                    .isInstanceOf(IssuanceException.class).hasMessageContaining("another key");
        }
        try (Pkcs11CardDriver driver = card.driver()) {
            assertThat(driver.info().certificates()).isEmpty();
        }
    }

    /** OpenSC sees a coherent token, and openssl accepts both certificates against the CA chain. */
    @Test
    void whenPersonalized_thenPkcs11ToolAndOpenSslAgree() throws Exception {
        Map<KeyRole, List<X509CertificateHolder>> chains = personalize();

        String objects = listObjects().stdout();
        assertThat(count(objects, "Private Key Object")).as(objects).isEqualTo(2);
        assertThat(count(objects, "Public Key Object")).as(objects).isEqualTo(2);
        assertThat(count(objects, "Certificate Object")).as(objects).isEqualTo(2);
        for (KeyRole role : KeyRole.values()) {
            String id = String.format("ID:\\s+%02x", role.id()[0]);
            Pattern labelled = Pattern.compile("label:\\s+" + role.label() + "\\s*\\n(?:\\s+.*\\n)*?\\s+" + id);
            Matcher matcher = labelled.matcher(objects);
            int found = 0;
            while (matcher.find()) {
                found++;
            }
            assertThat(found).as("objects labelled %s with ID %02x in%n%s", role.label(), role.id()[0], objects).isEqualTo(3);
        }
        assertThat(count(objects, "never extractable")).as(objects).isEqualTo(2);

        ProcessResult selfTest = pkcs11Tool("--test", "--login", "--pin", SoftHsmCards.USER_PIN);
        assertThat(selfTest.exitCode()).as(selfTest.describe()).isZero();

        Path caFile = directory.resolve("ca-chain.pem");
        PemFiles.writeChain(caFile, issuer.caChain());
        OpenSsl openSsl = OpenSsl.require();
        for (KeyRole role : KeyRole.values()) {
            Path certificate = directory.resolve(role.name() + ".pem");
            PemFiles.writeCertificate(certificate, chains.get(role).get(0));
            String purpose = role == KeyRole.AUTHENTICATION ? "sslclient" : "any";
            openSsl.runSuccessfully("verify", "-CAfile", caFile.toString(), "-purpose", purpose, certificate.toString());
        }
    }

    private Map<KeyRole, List<X509CertificateHolder>> personalize() {
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
            return new Personalizer(issuer).personalize(authenticated, REQUESTED);
        }
    }

    private ProcessResult listObjects() {
        return pkcs11Tool("--list-objects", "--login", "--pin", SoftHsmCards.USER_PIN).assertSuccess();
    }

    private ProcessResult pkcs11Tool(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(RequiredTool.pkcs11Tool().require().toString(),
                "--module", SoftHsmCards.get().softHsmModule().toString(), "--token-label", card.label()));
        command.addAll(List.of(arguments));
        return ProcessRunner.command(command).run();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
