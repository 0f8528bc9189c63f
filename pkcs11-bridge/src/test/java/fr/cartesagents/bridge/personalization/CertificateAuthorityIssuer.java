package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.TestHierarchy;

/** A ca-core CA in this JVM (root and issuing CA of a {@link TestHierarchy}) issuing for one holder. */
public record CertificateAuthorityIssuer(TestHierarchy hierarchy, HolderSubject holder) implements CertificateIssuer {

    @Override
    public List<X509CertificateHolder> issue(PKCS10CertificationRequest request, KeyRole role) {
        try {
            X509CertificateHolder certificate = hierarchy.ca()
                    .issue(new IssuanceRequest(CertificateIssuer.profileFor(role), request.getEncoded(), holder))
                    .certificate();
            return List.of(certificate, hierarchy.issuing().certificate(), hierarchy.root().certificate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Personalizes {@code card} (user PIN {@link TestCard#userPin()}) with certificates of this CA. */
    public Map<KeyRole, List<X509CertificateHolder>> personalize(TestCard card) {
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(TestCard.userPin())) {
            return new Personalizer(this).personalize(authenticated, new X500Name("CN=" + holder.commonName()));
        }
    }

    /** The CA certificates, issuing CA first: what {@code openssl verify -CAfile} trusts. */
    public List<X509CertificateHolder> caChain() {
        return List.of(hierarchy.issuing().certificate(), hierarchy.root().certificate());
    }
}
