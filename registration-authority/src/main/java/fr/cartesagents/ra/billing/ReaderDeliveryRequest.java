package fr.cartesagents.ra.billing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/v1/collectivities/{id}/reader-deliveries}: {@code comedec} or {@code tes}, how many readers. */
public record ReaderDeliveryRequest(@NotBlank String application, @NotNull @Min(1) @Max(100) Integer quantity) {
}
