package fr.cartesagents.bridge.signing;

import java.security.PublicKey;
import java.util.Objects;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * Challenge–response login: the authentication key signs a server's challenge (SHA-256 with RSA
 * PKCS#1 v1.5, or ECDSA as DER), and the server checks it against the authentication certificate.
 */
public final class ChallengeSigner {

    private ChallengeSigner() {
    }

    public record SignedChallenge(SignatureAlgorithm algorithm, byte[] signature) {
    }

    public static SignedChallenge sign(AuthenticatedCard card, byte[] challenge) {
        Objects.requireNonNull(challenge, "challenge");
        if (challenge.length == 0) {
            throw new IllegalArgumentException("An empty challenge proves nothing");
        }
        PublicKey key = card.publicKey(KeyRole.AUTHENTICATION).orElseThrow(() -> new CardException(CardFailure.KEY_NOT_FOUND,
                "The card has no authentication key: personalize the card first"));
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(key);
        return new SignedChallenge(algorithm, card.sign(KeyRole.AUTHENTICATION, algorithm, challenge));
    }
}
