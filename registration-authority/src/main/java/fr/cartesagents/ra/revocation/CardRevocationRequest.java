package fr.cartesagents.ra.revocation;

import jakarta.validation.constraints.NotBlank;

/** {@code POST /api/v1/cards/{cardId}/revocation}: {@code loss}, {@code theft}, {@code departure}, {@code function_change}, {@code defect} or {@code key_compromise}. */
public record CardRevocationRequest(@NotBlank String reason) {
}
