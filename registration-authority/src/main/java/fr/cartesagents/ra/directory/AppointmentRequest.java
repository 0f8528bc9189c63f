package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Who takes a role in a collectivity, from when (today when absent), until when (open when absent).
 * The person must already be an active agent in the collectivity's directory.
 */
record AppointmentRequest(@NotNull(message = "{cartes.field.required}") UUID personId, LocalDate startsOn, LocalDate endsOn) {
}
