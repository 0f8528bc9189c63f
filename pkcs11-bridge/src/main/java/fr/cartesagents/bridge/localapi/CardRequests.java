package fr.cartesagents.bridge.localapi;

import java.util.Objects;

import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The bodies of the card operations. PIN fields are {@link Pin}s read by {@link PinDeserializer},
 * never Strings; a missing field is null here and refused by {@link #required}.
 */
final class CardRequests {

    private CardRequests() {
    }

    record ChangePin(Pin currentPin, Pin newPin) {
    }

    /** {@code unblockSecret}: the PUK the registration authority delivered for this card. */
    record Unblock(Pin unblockSecret, Pin newPin) {
    }

    enum SignatureKind { CMS, CHALLENGE }

    record Signature(Pin pin, String dataBase64, SignatureKind kind) {
    }

    /** The holder as registered; {@code keyType} defaults to RSA 2048. */
    /**
     * Personalize the card of an approved order; the holder's name comes from the registration
     * authority's directory. {@code resume}: certify the keys already on the card (a card pulled out,
     * an answer lost) instead of generating new ones.
     */
    record Personalization(Pin pin, java.util.UUID orderId, KeySpec keyType, Boolean resume) {

        boolean resuming() {
            return Boolean.TRUE.equals(resume);
        }

        KeySpec keySpecOrDefault() {
            return keyType == null ? KeySpec.RSA_2048 : keyType;
        }
    }

    /** Step 1 of a renewal: new key pairs beside the ones in use; {@code keyType} defaults to RSA 2048. */
    record Renewal(Pin pin, KeySpec keyType) {

        KeySpec keySpecOrDefault() {
            return keyType == null ? KeySpec.RSA_2048 : keyType;
        }
    }

    /** Step 2 of a renewal: the certificates as the registration authority answered them (PEM). */
    record RenewedCertificates(Pin pin, String authenticationCertificatePem, String signatureCertificatePem) {
    }

    static <T> T required(T value, String field) {
        if (Objects.isNull(value)) {
            throw ApiProblem.badRequest("The field '" + field + "' is required");
        }
        return value;
    }
}
