package fr.cartesagents.ra.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/card-orders/{id}/personalization}: the blank card's serial (and ATR when read
 * through PC/SC) and the two PKCS#10 requests the card signed with its two new keys.
 */
public record PersonalizationRequest(
        @NotBlank @Pattern(regexp = "[0-9A-Za-z._-]{1,64}") String cardSerial,
        @Pattern(regexp = "([0-9A-Fa-f]{2}){2,66}") String atr,
        @NotBlank @Size(max = 16384) String authenticationCsr,
        @NotBlank @Size(max = 16384) String signatureCsr) {
}
