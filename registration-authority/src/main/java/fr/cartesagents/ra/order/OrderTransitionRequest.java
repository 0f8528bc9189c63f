package fr.cartesagents.ra.order;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/v1/card-orders/{id}/transitions}: {@code approve} (registration office) or {@code cancel}. */
public record OrderTransitionRequest(@NotNull @Pattern(regexp = "approve|cancel") String action) {
}
