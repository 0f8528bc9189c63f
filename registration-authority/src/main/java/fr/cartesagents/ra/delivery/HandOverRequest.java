package fr.cartesagents.ra.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/cards/{cardId}/hand-over}: the identity document checked face to face, its
 * copy (Base64), the version of the terms of use the holder accepted, and the hand-over receipt
 * ({@code GET .../hand-over-receipt}) signed by the card's signature key (CMS, Base64).
 */
public record HandOverRequest(
        @NotNull @Valid IdentityDocumentRequest identityDocument,
        @NotBlank String documentCopy,
        @NotBlank @Size(max = 40) String termsVersion,
        @NotBlank @Size(max = 65536) String receiptSignature) {

    /** Never shows the document or its copy. */
    @Override
    public String toString() {
        return "HandOverRequest[" + identityDocument + ", termsVersion=" + termsVersion + "]";
    }
}
