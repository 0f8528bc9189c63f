package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.signing.CardContentSigner;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Personalizes a card for its holder (RGS ***: keys made on the card, one certificate per use): for
 * the authentication key, then the signature key, generates the key pair on the card, has the card
 * sign a PKCS#10 request for it (proof that the card holds the key), gets it certified, and writes
 * the certificate next to its key. A key is never certified twice: each run makes new keys.
 */
public final class Personalizer {

    private final CertificateIssuer issuer;
    private final KeySpec keySpec;

    public Personalizer(CertificateIssuer issuer, KeySpec keySpec) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keySpec = Objects.requireNonNull(keySpec, "keySpec");
    }

    /** RSA 2048, what IAS-ECC cards generate. */
    public Personalizer(CertificateIssuer issuer) {
        this(issuer, KeySpec.RSA_2048);
    }

    /**
     * @param requestedSubject the name written in the requests; the CA builds the certificate's own
     *                         subject from the registration data
     * @return the certificate chain of each role, certificate first
     */
    public Map<KeyRole, List<X509CertificateHolder>> personalize(AuthenticatedCard card, X500Name requestedSubject) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(requestedSubject, "requestedSubject");
        Map<KeyRole, List<X509CertificateHolder>> chains = new EnumMap<>(KeyRole.class);
        for (KeyRole role : List.of(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE)) {
            PublicKey key = card.generateKeyPair(role, keySpec);
            PKCS10CertificationRequest request = new PKCS10CertificationRequestBuilder(requestedSubject,
                    SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                    .build(CardContentSigner.forKey(card, role, key));
            List<X509CertificateHolder> chain = List.copyOf(issuer.issue(request, role));
            if (chain.isEmpty() || !certifies(chain.get(0), key)) {
                throw new IssuanceException("The issuer returned a certificate for another key than the card's "
                        + role.name().toLowerCase(java.util.Locale.ROOT) + " key");
            }
            card.storeCertificate(role, chain.get(0));
            chains.put(role, chain);
        }
        return Collections.unmodifiableMap(chains);
    }

    private static boolean certifies(X509CertificateHolder certificate, PublicKey key) {
        try {
            return Arrays.equals(certificate.getSubjectPublicKeyInfo().getEncoded(), key.getEncoded());
        } catch (IOException e) {
            return false;
        }
    }
}
