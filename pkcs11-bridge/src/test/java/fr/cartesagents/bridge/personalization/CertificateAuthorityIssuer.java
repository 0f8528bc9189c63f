package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import fr.cartesagents.bridge.card.KeyRole;
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

    /** The CA certificates, issuing CA first: what {@code openssl verify -CAfile} trusts. */
    public List<X509CertificateHolder> caChain() {
        return List.of(hierarchy.issuing().certificate(), hierarchy.root().certificate());
    }
}
