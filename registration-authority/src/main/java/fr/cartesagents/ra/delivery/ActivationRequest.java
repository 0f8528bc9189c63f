package fr.cartesagents.ra.delivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/cards/{cardId}/activation}: the challenge the server gave, and its signature by
 * the card's authentication key (Base64; SHA-256 with RSA PKCS#1 v1.5, or ECDSA in DER), made by
 * the bridge once the holder replaced the transport PIN with their own.
 */
public record ActivationRequest(@NotBlank @Size(max = 100) String challenge, @NotBlank @Size(max = 2000) String signature) {
}
