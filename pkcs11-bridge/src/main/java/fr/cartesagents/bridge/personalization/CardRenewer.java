package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Renews the certificates of a personalized card on the same card (issue 11: 3-year certificates on a
 * 6-year card), in two steps with the registration authority in between (the holder's portal session
 * sends the requests): {@link #requests} makes a new key pair per role beside the one in use and the
 * card signs a PKCS#10 request for each (proof of possession); {@link #write} writes each renewed
 * certificate next to its new key and only then retires the old key pair and certificate. A card
 * pulled out anywhere in between still holds a working pair per role, and {@link #write} run again
 * finishes the move.
 */
public final class CardRenewer {

    private final KeySpec keySpec;

    public CardRenewer(KeySpec keySpec) {
        this.keySpec = Objects.requireNonNull(keySpec, "keySpec");
    }

    /** The two requests, authentication then signature, each signed by its new key on the card. */
    public Map<KeyRole, PKCS10CertificationRequest> requests(AuthenticatedCard card) {
        Objects.requireNonNull(card, "card");
        AuthenticatedCard renewal = card.renewalKeys();
        Map<KeyRole, PKCS10CertificationRequest> requests = new EnumMap<>(KeyRole.class);
        for (KeyRole role : KeyRole.values()) {
            PublicKey key = renewal.generateKeyPair(role, keySpec);
            requests.put(role, OrderPersonalizer.request(renewal, role, key));
        }
        return Map.copyOf(requests);
    }

    /**
     * Writes both renewed certificates, then makes the new keys the card's own. Both certificates are
     * checked against the new keys before anything is written. Once a role's new key has replaced the
     * old one, the certificate it already uses (the write was done, its answer lost) is left as it is.
     *
     * @throws IssuanceException when a certificate does not certify the card's new key of its role
     */
    public static void write(AuthenticatedCard card, Map<KeyRole, X509CertificateHolder> renewed,
                      Map<KeyRole, X509CertificateHolder> inUse) {
        Objects.requireNonNull(card, "card");
        AuthenticatedCard renewal = card.renewalKeys();
        Map<KeyRole, X509CertificateHolder> toWrite = new EnumMap<>(KeyRole.class);
        for (KeyRole role : KeyRole.values()) {
            X509CertificateHolder certificate = Objects.requireNonNull(renewed.get(role), role + " certificate");
            java.util.Optional<PublicKey> renewalKey = renewal.publicKey(role);
            if (renewalKey.isEmpty() && sameCertificate(certificate, inUse.get(role))) {
                continue;
            }
            PublicKey key = renewalKey.orElseThrow(() -> new CardException(CardFailure.KEY_NOT_FOUND,
                    "The card has no renewal " + role.name().toLowerCase(java.util.Locale.ROOT)
                            + " key: start the renewal again"));
            if (!OrderPersonalizer.certifies(certificate, key)) {
                throw new IssuanceException("The " + role.name().toLowerCase(java.util.Locale.ROOT)
                        + " certificate does not certify the card's new " + role.name().toLowerCase(java.util.Locale.ROOT) + " key");
            }
            toWrite.put(role, certificate);
        }
        toWrite.forEach(renewal::storeCertificate);
        toWrite.keySet().forEach(card::promoteRenewalKeys);
    }

    private static boolean sameCertificate(X509CertificateHolder a, X509CertificateHolder b) {
        try {
            return b != null && java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
