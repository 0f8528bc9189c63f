package fr.cartesagents.ra.renewal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/cards/{cardId}/renewal}: the two PKCS#10 requests signed by the new key
 * pairs the bridge generated on the same card.
 */
record RenewalRequest(@NotBlank @Size(max = 16384) String authenticationCsr, @NotBlank @Size(max = 16384) String signatureCsr) {
}
