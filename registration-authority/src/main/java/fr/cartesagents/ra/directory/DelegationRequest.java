package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A delegation decided by the mayor's arrêté: to whom, which kind, from when (today when absent),
 * until when (open when absent), and the arrêté's reference.
 */
record DelegationRequest(@NotNull(message = "{cartes.field.required}") UUID personId,
                         @NotNull(message = "{cartes.field.delegation-kind-required}")
                         DelegationKind kind,
                         LocalDate startsOn,
                         LocalDate endsOn,
                         @NotBlank(message = "{cartes.field.arrete-required}")
                         @Size(max = CivilStatusText.TEXT_MAX, message = "{cartes.field.at-most}")
                         @Pattern(regexp = CivilStatusText.PRINTABLE, message = "{cartes.field.printable}")
                         String reference) {

    DelegationRequest {
        reference = CivilStatusText.clean(reference);
    }
}
