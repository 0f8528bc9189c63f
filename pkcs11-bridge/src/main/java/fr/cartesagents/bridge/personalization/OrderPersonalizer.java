package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.signing.CardContentSigner;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Personalizes the card of an approved order (RGS ***: keys made on the card, one per use): generates
 * the authentication and the signature key pairs on the card, has the card sign a PKCS#10 request for
 * each (proof of possession), sends both in ONE call to the registration authority, which issues
 * both certificates or neither with the subject of its own directory, and writes each certificate
 * next to its key.
 *
 * <p>A card pulled out, or a server that went down, between the key generation and the writing of
 * the certificates leaves the keys on the card: {@link #resume} makes the same requests again from
 * those keys and sends them under the same Idempotency-Key (derived from the order, the card and the
 * two public keys), so the server answers with the certificates it already issued, if it did, and
 * issues them otherwise. The requests are the same bytes because RSA PKCS#1 v1.5 signatures (what
 * IAS-ECC cards make) are deterministic.
 *
 * <p>{@link #personalizeOrder} adds the last step, the card's own PUK in place of its batch's
 * transport unblock secret; {@link #personalize} and {@link #resume} are the certificates alone.
 */
public final class OrderPersonalizer {

    /** The requests carry no name the server uses: the subject comes from its directory. */
    private static final X500Name REQUESTED_SUBJECT = new X500Name("CN=card holder (named by the registration authority)");

    private final PairIssuer issuer;
    private final KeySpec keySpec;

    public OrderPersonalizer(PairIssuer issuer, KeySpec keySpec) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keySpec = Objects.requireNonNull(keySpec, "keySpec");
    }

    /** RSA 2048, what IAS-ECC cards generate. */
    public OrderPersonalizer(PairIssuer issuer) {
        this(issuer, KeySpec.RSA_2048);
    }

    /**
     * The whole personalization of the order's card: both certificates (new key pairs, or with
     * {@code resume} the keys already on the card), then the card's unblock secret set to the PUK
     * the registration authority answered ({@link UnblockSecretReplacement}). The transport secret is
     * read before the card is touched, so that a bridge missing it stops before anything is issued.
     *
     * @throws UnblockSecretNotReplaced when the certificates are written but the card refused the
     *                                  unblock secret change: run again with {@code resume}
     */
    public PersonalizedCard personalizeOrder(CardDriver driver, Pin pin, UUID orderId, boolean resume,
                                             TransportUnblockSecret transport) {
        try (Pin transportSecret = transport.read()) {
            CardInfo info = driver.info();
            if (!resume && !info.certificates().isEmpty()) {
                throw notBlank(); // seen without the PIN: no login for a card that will be refused
            }
            IssuedPair issued;
            try (AuthenticatedCard card = driver.authenticate(pin)) {
                issued = resume ? resume(card, orderId, info.serialNumber(), info.atrHex())
                        : personalize(card, orderId, info.serialNumber(), info.atrHex());
            }
            // Closing the card logged the holder out: PKCS#11 allows the security officer's login only then.
            if (issued.puk().isEmpty()) {
                return new PersonalizedCard(info.serialNumber(), issued, UnblockSecretReplacement.Outcome.NO_PUK_FROM_THE_SERVER);
            }
            try (Pin cardPuk = Pin.wrap(issued.puk().get().toCharArray())) {
                return new PersonalizedCard(info.serialNumber(), issued,
                        UnblockSecretReplacement.replace(driver, transportSecret, cardPuk, resume));
            } catch (CardException e) {
                throw new UnblockSecretNotReplaced(e);
            }
        }
    }

    /**
     * New key pairs on a blank card, both certified, both written.
     *
     * @throws CardException {@code CARD_NOT_BLANK}, the card untouched, when it already holds a key: new
     *                       keys would no longer match the certificates a half-done personalization
     *                       may have written, and the server refuses a second personalization of the
     *                       order anyway; {@link #resume} finishes such a card
     */
    public IssuedPair personalize(AuthenticatedCard card, UUID orderId, String cardSerial, Optional<String> atrHex) {
        for (KeyRole role : KeyRole.values()) {
            if (card.publicKey(role).isPresent()) {
                throw notBlank();
            }
        }
        PublicKey authentication = card.generateKeyPair(KeyRole.AUTHENTICATION, keySpec);
        PublicKey signature = card.generateKeyPair(KeyRole.SIGNATURE, keySpec);
        return certifyAndWrite(card, orderId, cardSerial, atrHex, authentication, signature);
    }

    /** The keys already on the card (a personalization interrupted after the key generation), certified and written. */
    public IssuedPair resume(AuthenticatedCard card, UUID orderId, String cardSerial, Optional<String> atrHex) {
        PublicKey authentication = card.publicKey(KeyRole.AUTHENTICATION).orElseThrow(() -> new CardException(
                CardFailure.KEY_NOT_FOUND, "The card has no authentication key: personalize it from the start"));
        PublicKey signature = card.publicKey(KeyRole.SIGNATURE).orElseThrow(() -> new CardException(
                CardFailure.KEY_NOT_FOUND, "The card has no signature key: personalize it from the start"));
        return certifyAndWrite(card, orderId, cardSerial, atrHex, authentication, signature);
    }

    private static CardException notBlank() {
        return new CardException(CardFailure.CARD_NOT_BLANK, "The card already holds keys or certificates (a personalization"
                + " interrupted or done); nothing was changed. If it is this order's, finish it with resume (personalize-order"
                + " --resume, or \"resume\": true); otherwise use a blank card");
    }

    private IssuedPair certifyAndWrite(AuthenticatedCard card, UUID orderId, String cardSerial, Optional<String> atrHex,
                                       PublicKey authentication, PublicKey signature) {
        PairRequest request = new PairRequest(orderId, cardSerial, atrHex, request(card, KeyRole.AUTHENTICATION, authentication),
                request(card, KeyRole.SIGNATURE, signature));
        IssuedPair issued = issuer.issue(request, idempotencyKey(orderId, cardSerial, authentication, signature));
        if (!certifies(issued.authentication(), authentication) || !certifies(issued.signature(), signature)) {
            throw new IssuanceException("The registration authority returned certificates for other keys than the card's");
        }
        card.storeCertificate(KeyRole.AUTHENTICATION, issued.authentication());
        card.storeCertificate(KeyRole.SIGNATURE, issued.signature());
        return issued;
    }

    static PKCS10CertificationRequest request(AuthenticatedCard card, KeyRole role, PublicKey key) {
        return new PKCS10CertificationRequestBuilder(REQUESTED_SUBJECT, SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                .build(CardContentSigner.forKey(card, role, key));
    }

    /** The same for the same order, card and keys: a retry replays the server's answer. */
    static String idempotencyKey(UUID orderId, String cardSerial, PublicKey authentication, PublicKey signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((orderId + "\n" + cardSerial + "\n").getBytes(StandardCharsets.UTF_8));
            sha256.update(authentication.getEncoded());
            sha256.update(signature.getEncoded());
            return "personalization-" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean certifies(X509CertificateHolder certificate, PublicKey key) {
        try {
            return Arrays.equals(certificate.getSubjectPublicKeyInfo().getEncoded(), key.getEncoded());
        } catch (IOException e) {
            return false;
        }
    }
}
