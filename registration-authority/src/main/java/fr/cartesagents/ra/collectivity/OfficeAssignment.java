package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The registration office ("autorité d'enregistrement de rattachement") that serves a collectivity. */
public record OfficeAssignment(@NotNull UUID registrationOfficeId) {
}
