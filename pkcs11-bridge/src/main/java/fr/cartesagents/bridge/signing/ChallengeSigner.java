package fr.cartesagents.bridge.signing;

import java.security.PublicKey;
import java.util.Objects;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * Challenge–response login: the authentication key signs a {@link LoginChallenge} (the server's
 * nonce bound to the asking page's origin, behind a fixed prefix; SHA-256 with RSA PKCS#1 v1.5, or
 * ECDSA as DER), and the server checks it against the authentication certificate. The key never
 * signs caller-chosen bytes as they are.
 */
public final class ChallengeSigner {

    private ChallengeSigner() {
    }

    /** The signature and the exact bytes it covers ({@link LoginChallenge#toBeSigned()}). */
    public record SignedChallenge(SignatureAlgorithm algorithm, byte[] signedData, byte[] signature) {
    }

    public static SignedChallenge sign(AuthenticatedCard card, LoginChallenge challenge) {
        Objects.requireNonNull(challenge, "challenge");
        byte[] signedData = challenge.toBeSigned();
        PublicKey key = card.publicKey(KeyRole.AUTHENTICATION).orElseThrow(() -> new CardException(CardFailure.KEY_NOT_FOUND,
                "The card has no authentication key: personalize the card first"));
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(key);
        return new SignedChallenge(algorithm, signedData, card.sign(KeyRole.AUTHENTICATION, algorithm, signedData));
    }
}
