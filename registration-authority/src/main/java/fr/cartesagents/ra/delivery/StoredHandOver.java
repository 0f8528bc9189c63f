package fr.cartesagents.ra.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code card_hand_over}: the identity document and its copy sealed, the signed receipt.
 * Once the retention has ended ({@code retainUntil}), {@link IdentityDocumentPurge} deletes both sealed
 * values: they are null, and {@code documentsDeletedAt} says when.
 */
record StoredHandOver(UUID cardId, String documentKind, LocalDate documentExpiresOn, byte[] documentSealed,
                      byte[] documentCopySealed, String termsVersion, byte[] receipt, byte[] receiptSignature,
                      Instant handedOverAt, String handedOverBy, LocalDate retainUntil, Optional<Instant> documentsDeletedAt) {

    /** A hand-over just recorded: its documents are kept. */
    StoredHandOver(UUID cardId, String documentKind, LocalDate documentExpiresOn, byte[] documentSealed,
                   byte[] documentCopySealed, String termsVersion, byte[] receipt, byte[] receiptSignature,
                   Instant handedOverAt, String handedOverBy, LocalDate retainUntil) {
        this(cardId, documentKind, documentExpiresOn, documentSealed, documentCopySealed, termsVersion, receipt, receiptSignature,
                handedOverAt, handedOverBy, retainUntil, Optional.empty());
    }

    /** What each sealed value is bound to: a value copied onto another card's row does not open. */
    static String documentBinding(UUID cardId) {
        return "card-hand-over:" + cardId + ":document";
    }

    static String copyBinding(UUID cardId) {
        return "card-hand-over:" + cardId + ":copy";
    }
}
