package fr.cartesagents.ra.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code card_hand_over}: the identity document and its copy sealed, the signed receipt. */
record StoredHandOver(UUID cardId, String documentKind, LocalDate documentExpiresOn, byte[] documentSealed,
                      byte[] documentCopySealed, String termsVersion, byte[] receipt, byte[] receiptSignature,
                      Instant handedOverAt, String handedOverBy, LocalDate retainUntil) {

    /** What each sealed value is bound to: a value copied onto another card's row does not open. */
    static String documentBinding(UUID cardId) {
        return "card-hand-over:" + cardId + ":document";
    }

    static String copyBinding(UUID cardId) {
        return "card-hand-over:" + cardId + ":copy";
    }
}
