package fr.cartesagents.bridge.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.personalization.CardRenewer;
import fr.cartesagents.bridge.personalization.CertificateAuthorityIssuer;
import fr.cartesagents.bridge.testsupport.OpenSc;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Renewal over PC/SC (issue 11), judged by OpenSC: OUR bridge personalizes the simulated IAS-ECC card, then
 * renews it twice (new key pairs generated on the card beside the ones in use, requests signed on the card,
 * certificates of a ca-core test CA written in place of the old); after each renewal OpenSC's pkcs11-tool
 * signs with both keys and openssl verifies the signatures against the renewed certificates, and the card
 * kept working with its old keys until the renewed certificates were written.
 */
class OpenScReadsTheRenewedCardTest {

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @TempDir
    Path directory;

    @Test
    void whenOurBridgeRenewsTheCardOverPcsc_thenOpenScSignsWithTheNewKeysVerifiablyByTheNewCertificates() throws Exception {
        Map<KeyRole, X509CertificateHolder> previous = new EnumMap<>(KeyRole.class);
        for (Map.Entry<KeyRole, java.util.List<X509CertificateHolder>> chain
                : PersonalizedOverPcsc.personalize(rig, directory.resolve("personalization")).entrySet()) {
            previous.put(chain.getKey(), chain.getValue().get(0));
        }
        try (TestHierarchy hierarchy = TestHierarchy.create(directory.resolve("ca"), KeySpec.RSA_2048)) {
            CertificateAuthorityIssuer ca = new CertificateAuthorityIssuer(hierarchy, TestSubjects.marieDupont());
            // Twice: the second renewal generates on the key references the first one retired.
            for (int renewal = 1; renewal <= 2; renewal++) {
                Map<KeyRole, X509CertificateHolder> renewed = new EnumMap<>(KeyRole.class);
                try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName());
                        Pin pin = PcscRig.pin(PcscRig.USER_PIN);
                        AuthenticatedCard card = driver.authenticate(pin)) {
                    Map<KeyRole, PKCS10CertificationRequest> requests = new CardRenewer(KeySpec.RSA_2048).requests(card);
                    for (KeyRole role : KeyRole.values()) {
                        renewed.put(role, ca.issue(requests.get(role), role).get(0));
                    }
                    assertThat(driver.info().certificates()).as("the card keeps its certificates until the renewed ones come")
                            .isEqualTo(previous);
                    CardRenewer.write(card, renewed, driver.info().certificates());
                    // Sent again (the answer of the first write lost): nothing changes.
                    CardRenewer.write(card, renewed, driver.info().certificates());
                }
                try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
                    assertThat(driver.info().certificates()).as("renewal " + renewal).isEqualTo(renewed);
                }
                ProcessResult dump = OpenSc.pkcs15Tool("--reader", rig.readerName(), "--dump");
                assertThat(dump.exitCode()).as(dump.stderr()).isZero();
                assertThat(dump.stdout()).contains("Private RSA Key [Authentification]", "Private RSA Key [Signature]")
                        .contains("X.509 Certificate [Authentification]", "X.509 Certificate [Signature]");
                for (KeyRole role : KeyRole.values()) {
                    OpenScSignatures.assertSignsVerifiably(directory, role, renewed.get(role));
                }
                previous = renewed;
            }
        }
    }
}
