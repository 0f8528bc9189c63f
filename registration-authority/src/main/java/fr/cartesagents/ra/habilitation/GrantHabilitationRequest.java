package fr.cartesagents.ra.habilitation;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST .../habilitations}: give {@code personId} the {@code application} at {@code level}. */
public record GrantHabilitationRequest(@NotNull UUID personId,
                                       @NotBlank @Size(max = 32) String application,
                                       @NotBlank @Size(max = 32) String level) {
}
