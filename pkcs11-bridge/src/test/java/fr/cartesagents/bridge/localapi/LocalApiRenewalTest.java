package fr.cartesagents.bridge.localapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.CertificateAuthorityIssuer;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Renewal through the bridge API ({@code POST /v1/card/renewal}, then {@code /v1/card/renewal/certificates})
 * over real HTTP on a personalized SoftHSM2 card: new keys beside the old, the old ones working until the
 * renewed certificates are written, then retired.
 */
class LocalApiRenewalTest {

    private static final String PIN = SoftHsmCards.USER_PIN;

    @TempDir
    static Path shared;

    @TempDir
    Path directory;

    private static TestHierarchy hierarchy;
    private static CertificateAuthorityIssuer ca;

    @BeforeAll
    static void startAuthority() {
        hierarchy = TestHierarchy.create(shared, KeySpec.RSA_2048);
        ca = new CertificateAuthorityIssuer(hierarchy, new HolderSubject("Jean", "Martin", "COMMUNE DE MOISSAC",
                new Siren(TestSubjects.SIREN), "ACT-000042"));
    }

    @AfterAll
    static void stopAuthority() {
        hierarchy.close();
    }

    @Test
    void whenRenewed_thenTheNewCertificatesSitNextToNewKeys_andTheOldOnesAreGone() throws Exception {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            Map<KeyRole, List<X509CertificateHolder>> old = ca.personalize(bridge.card());

            HttpResponse<String> started = renew(bridge, PIN);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            JsonNode requests = BridgeApiClient.json(started);
            assertThat(requests.get("cardSerial").asString()).isEqualTo(bridge.card().serialNumber());
            assertThat(started.body()).doesNotContain(PIN);
            PKCS10CertificationRequest authenticationCsr = csr(requests.get("authenticationCsr").asString());
            PKCS10CertificationRequest signatureCsr = csr(requests.get("signatureCsr").asString());
            assertThat(authenticationCsr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(authenticationCsr.getSubjectPublicKeyInfo()))).as("proof of possession").isTrue();
            assertThat(signatureCsr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(signatureCsr.getSubjectPublicKeyInfo()))).isTrue();
            assertThat(authenticationCsr.getSubjectPublicKeyInfo()).as("two new keys")
                    .isNotEqualTo(signatureCsr.getSubjectPublicKeyInfo())
                    .isNotEqualTo(old.get(KeyRole.AUTHENTICATION).get(0).getSubjectPublicKeyInfo());
            assertThat(signatureCsr.getSubjectPublicKeyInfo()).isNotEqualTo(old.get(KeyRole.SIGNATURE).get(0).getSubjectPublicKeyInfo());

            // Between the two steps the card still works with its old keys and certificates.
            assertThat(serials(bridge)).isEqualTo(serialsOf(old));
            verifyCms(bridge, old.get(KeyRole.SIGNATURE).get(0), "before");

            X509CertificateHolder authentication = ca.issue(authenticationCsr, KeyRole.AUTHENTICATION).get(0);
            X509CertificateHolder signature = ca.issue(signatureCsr, KeyRole.SIGNATURE).get(0);
            HttpResponse<String> written = writeCertificates(bridge, PIN, authentication, signature);
            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
            Map<String, String> renewedSerials = Map.of("authentication", authentication.getSerialNumber().toString(16),
                    "signature", signature.getSerialNumber().toString(16));
            assertThat(certificateSerials(BridgeApiClient.json(written))).isEqualTo(renewedSerials);
            assertThat(serials(bridge)).isEqualTo(renewedSerials);
            verifyCms(bridge, signature, "after");

            try (Pkcs11CardDriver driver = bridge.card().driver(); AuthenticatedCard card = driver.authenticate(TestCard.userPin())) {
                assertThat(card.publicKey(KeyRole.AUTHENTICATION).orElseThrow().getEncoded())
                        .isEqualTo(authentication.getSubjectPublicKeyInfo().getEncoded());
                assertThat(card.renewalKeys().publicKey(KeyRole.AUTHENTICATION)).as("moved, not copied").isEmpty();
                assertThat(card.renewalKeys().publicKey(KeyRole.SIGNATURE)).isEmpty();
            }

            HttpResponse<String> again = writeCertificates(bridge, PIN, authentication, signature);
            assertThat(again.statusCode()).as("a lost answer, sent again: " + again.body()).isEqualTo(200);
            assertThat(serials(bridge)).isEqualTo(renewedSerials);
        }
    }

    @Test
    void whenACertificateIsNotForTheNewKey_then422_andTheCardKeepsItsOldPair() throws Exception {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            Map<KeyRole, List<X509CertificateHolder>> old = ca.personalize(bridge.card());
            X509CertificateHolder authentication = renewedCertificates(bridge).get(KeyRole.AUTHENTICATION);

            HttpResponse<String> swapped = writeCertificates(bridge, PIN, authentication, old.get(KeyRole.SIGNATURE).get(0));
            assertThat(swapped.statusCode()).as(swapped.body()).isEqualTo(422);
            assertThat(BridgeApiClient.json(swapped).get("type").asString()).endsWith(":certificate-mismatch");
            assertThat(serials(bridge)).as("nothing written").isEqualTo(serialsOf(old));
            verifyCms(bridge, old.get(KeyRole.SIGNATURE).get(0), "still");

            HttpResponse<String> wrongPin = renew(bridge, "9021");
            assertThat(wrongPin.statusCode()).isEqualTo(403);
            HttpResponse<String> notPem = bridge.portal().post("/v1/card/renewal/certificates", "{\"pin\":\"" + PIN
                    + "\",\"authenticationCertificatePem\":\"nope\",\"signatureCertificatePem\":\"nope\"}");
            assertThat(notPem.statusCode()).isEqualTo(400);
            assertThat(serials(bridge)).isEqualTo(serialsOf(old));
        }
    }

    @Test
    void whenTheWriteWasInterruptedAfterACertificate_thenSendingItAgainFinishes() throws Exception {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            Map<KeyRole, List<X509CertificateHolder>> old = ca.personalize(bridge.card());
            Map<KeyRole, X509CertificateHolder> renewed = renewedCertificates(bridge);
            X509CertificateHolder authentication = renewed.get(KeyRole.AUTHENTICATION);
            X509CertificateHolder signature = renewed.get(KeyRole.SIGNATURE);
            // A card pulled out after the authentication certificate was written and its old pair retired.
            try (Pkcs11CardDriver driver = bridge.card().driver(); AuthenticatedCard card = driver.authenticate(TestCard.userPin())) {
                card.renewalKeys().storeCertificate(KeyRole.AUTHENTICATION, authentication);
                card.promoteRenewalKeys(KeyRole.AUTHENTICATION);
            }
            assertThat(serials(bridge)).isEqualTo(Map.of("authentication", authentication.getSerialNumber().toString(16),
                    "signature", old.get(KeyRole.SIGNATURE).get(0).getSerialNumber().toString(16)));
            verifyCms(bridge, old.get(KeyRole.SIGNATURE).get(0), "half");

            HttpResponse<String> finished = writeCertificates(bridge, PIN, authentication, signature);
            assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
            assertThat(serials(bridge)).isEqualTo(Map.of("authentication", authentication.getSerialNumber().toString(16),
                    "signature", signature.getSerialNumber().toString(16)));
        }
    }

    @Test
    void whenTheCardIsNotPersonalized_thenRenewalIsRefusedWithoutTouchingIt() {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            HttpResponse<String> blank = renew(bridge, PIN);
            assertThat(blank.statusCode()).as(blank.body()).isEqualTo(404);
            assertThat(BridgeApiClient.json(blank).get("type").asString()).endsWith(":key-not-found");
            HttpResponse<String> noPin = bridge.portal().post("/v1/card/renewal", "{}");
            assertThat(noPin.statusCode()).isEqualTo(400);
            try (Pkcs11CardDriver driver = bridge.card().driver(); AuthenticatedCard card = driver.authenticate(TestCard.userPin())) {
                assertThat(card.renewalKeys().publicKey(KeyRole.AUTHENTICATION)).isEmpty();
            }
        }
    }

    @Test
    void whenPinsTravelThroughARenewal_thenNoLogLineHoldsOne() throws Exception {
        // long PINs, so that no session handle or port in a log line matches one by chance
        String pin = "73156294";
        String wrong = "90215738";
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty()); LogCapture logs = new LogCapture()) {
            ca.personalize(bridge.card());
            assertThat(bridge.portal().post("/v1/card/pin/change", "{\"currentPin\":\"" + PIN + "\",\"newPin\":\"" + pin + "\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(renew(bridge, wrong).statusCode()).isEqualTo(403);
            Map<KeyRole, X509CertificateHolder> renewed = renewedCertificates(bridge, pin);
            HttpResponse<String> written = writeCertificates(bridge, pin, renewed.get(KeyRole.AUTHENTICATION), renewed.get(KeyRole.SIGNATURE));
            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
            String[] expected = {"POST /v1/card/renewal -> 200", "POST /v1/card/renewal/certificates -> 200", "refused: wrong-pin"};
            String logged = logs.textHolding(Duration.ofSeconds(5), expected);
            assertThat(logged).as("the capture sees the API's log lines").contains(expected);
            assertThat(logged).doesNotContain(pin, wrong);
        }
    }

    /** Step 1 through the API, and the CA's certificates for both requests (not written yet). */
    private static Map<KeyRole, X509CertificateHolder> renewedCertificates(ServedBridge bridge) throws IOException {
        return renewedCertificates(bridge, PIN);
    }

    private static Map<KeyRole, X509CertificateHolder> renewedCertificates(ServedBridge bridge, String pin) throws IOException {
        JsonNode requests = BridgeApiClient.json(renew(bridge, pin));
        return Map.of(KeyRole.AUTHENTICATION, ca.issue(csr(requests.get("authenticationCsr").asString()), KeyRole.AUTHENTICATION).get(0),
                KeyRole.SIGNATURE, ca.issue(csr(requests.get("signatureCsr").asString()), KeyRole.SIGNATURE).get(0));
    }

    private static HttpResponse<String> renew(ServedBridge bridge, String pin) {
        return bridge.portal().post("/v1/card/renewal", "{\"pin\":\"" + pin + "\"}");
    }

    private static HttpResponse<String> writeCertificates(ServedBridge bridge, String pin, X509CertificateHolder authentication,
                                                          X509CertificateHolder signature) {
        return bridge.portal().post("/v1/card/renewal/certificates", "{\"pin\":\"" + pin
                + "\",\"authenticationCertificatePem\":\"" + json(PemFiles.toPem(authentication))
                + "\",\"signatureCertificatePem\":\"" + json(PemFiles.toPem(signature)) + "\"}");
    }

    private static String json(String pem) {
        return pem.replace("\r", "").replace("\n", "\\n");
    }

    private static PKCS10CertificationRequest csr(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return (PKCS10CertificationRequest) parser.readObject();
        }
    }

    private static Map<String, String> serials(ServedBridge bridge) {
        return certificateSerials(BridgeApiClient.json(bridge.portal().get("/v1/card")));
    }

    private static Map<String, String> certificateSerials(JsonNode card) {
        Map<String, String> serials = new java.util.TreeMap<>();
        card.get("certificates").properties().forEach(entry -> serials.put(entry.getKey(), entry.getValue().get("serialNumber").asString()));
        return serials;
    }

    private static Map<String, String> serialsOf(Map<KeyRole, List<X509CertificateHolder>> chains) {
        Map<String, String> serials = new java.util.TreeMap<>();
        chains.forEach((role, chain) -> serials.put(CardView.roleName(role), chain.get(0).getSerialNumber().toString(16)));
        return serials;
    }

    /** A CMS signature made through the API verifies with {@code expected} as its signer certificate. */
    private void verifyCms(ServedBridge bridge, X509CertificateHolder expected, String name) throws Exception {
        byte[] document = ("délibération " + name + "\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> cms = bridge.portal().post("/v1/card/signature", "{\"pin\":\"" + PIN + "\",\"dataBase64\":\""
                + Base64.getEncoder().encodeToString(document) + "\",\"kind\":\"cms\"}");
        assertThat(cms.statusCode()).as(cms.body()).isEqualTo(200);
        Path content = Files.write(directory.resolve(name + ".txt"), document);
        Path signature = Files.write(directory.resolve(name + ".p7s"),
                Base64.getDecoder().decode(BridgeApiClient.json(cms).get("signatureBase64").asString()));
        Path ca = Files.writeString(directory.resolve("ca.pem"), PemFiles.toPem(LocalApiRenewalTest.ca.caChain()));
        Path signer = directory.resolve(name + "-signer.pem");
        ProcessResult verified = OpenSsl.require().run("cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(),
                "-content", content.toString(), "-CAfile", ca.toString(), "-signer", signer.toString(),
                "-out", directory.resolve(name + ".out").toString());
        assertThat(verified.exitCode()).as(verified.describe()).isZero();
        BigInteger signerSerial = PemFiles.parseCertificates(Files.readString(signer)).get(0).getSerialNumber();
        assertThat(signerSerial).isEqualTo(expected.getSerialNumber());
    }
}
