package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * A national role given to a person: national administrator, auditor, or registration officer of
 * {@code registrationOfficeId} (required for that role only); from {@code startsOn} (today when absent).
 */
record NationalRoleRequest(@NotNull(message = "{cartes.field.required}") UUID personId,
                           @NotNull(message = "{cartes.field.national-role-required}")
                           NationalRole role,
                           UUID registrationOfficeId,
                           LocalDate startsOn) {
}
