package fr.cartesagents.bridge.personalization;

import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.ca.profile.ProfileCatalog;

/** Who certifies the keys generated on a card: the registration authority's server, or a CA in tests. */
public interface CertificateIssuer {

    /**
     * Certifies the key of {@code request} for {@code role}.
     *
     * @return the certificate first, then the CAs that issued it up to (and including, if known) the root
     * @throws IssuanceException if the issuer refuses the request or cannot be reached
     */
    List<X509CertificateHolder> issue(PKCS10CertificationRequest request, KeyRole role);

    /** The certificate profile of a key role, as the CA and the server's API name it. */
    static String profileFor(KeyRole role) {
        return switch (role) {
            case AUTHENTICATION -> ProfileCatalog.AUTHENTICATION;
            case SIGNATURE -> ProfileCatalog.SIGNATURE;
        };
    }
}
