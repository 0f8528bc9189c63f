package fr.cartesagents.ra.collectivity;

import jakarta.validation.constraints.NotNull;

/**
 * The mayor's choice under article VI of the CARTES convention: manage the cards personally
 * ({@code true}: no delegate required) or through at least one delegate.
 */
public record CardManagement(@NotNull Boolean mayorManagesCards) {
}
