package fr.cartesagents.bridge.oracle;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.personalization.CertificateAuthorityIssuer;
import fr.cartesagents.bridge.personalization.Personalizer;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.token.KeySpec;

/** The card in the rig's reader, personalized by OUR bridge over PC/SC with certificates of a ca-core test CA. */
final class PersonalizedOverPcsc {

    private PersonalizedOverPcsc() {
    }

    /** @return each role's chain, certificate first */
    static Map<KeyRole, List<X509CertificateHolder>> personalize(PcscRig rig, Path caDirectory) {
        TestHierarchy hierarchy = TestHierarchy.create(caDirectory, KeySpec.RSA_2048);
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName());
                Pin pin = PcscRig.pin(PcscRig.USER_PIN);
                AuthenticatedCard card = driver.authenticate(pin)) {
            return new Personalizer(new CertificateAuthorityIssuer(hierarchy, TestSubjects.marieDupont()))
                    .personalize(card, new X500Name("CN=Marie DUPONT"));
        }
    }
}
