package fr.cartesagents.bridge.personalization;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What the bridge sends to personalize the card of an order: the card's serial (and ATR through
 * PC/SC) and the two requests the card signed with its two new keys.
 */
public record PairRequest(UUID orderId, String cardSerial, Optional<String> atrHex, PKCS10CertificationRequest authentication,
                          PKCS10CertificationRequest signature) {

    public PairRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(cardSerial, "cardSerial");
        Objects.requireNonNull(atrHex, "atrHex");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(signature, "signature");
    }
}
