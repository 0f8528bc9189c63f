package fr.cartesagents.ra.order;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/v1/collectivities/{id}/card-orders}: a card for a person of the collectivity. */
public record NewOrderRequest(
        @NotNull UUID personId,
        @NotNull @Pattern(regexp = "initial|renewal|replacement_defect|loss|theft|forgotten_pin|additional") String reason,
        @Pattern(regexp = "standard|a05") String cardProfile) {
}
