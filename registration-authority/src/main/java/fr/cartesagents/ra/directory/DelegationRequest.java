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
record DelegationRequest(@NotNull(message = "required") UUID personId,
                         @NotNull(message = "required: officier_etat_civil, signature_actes, ordonnateur or police_municipale")
                         DelegationKind kind,
                         LocalDate startsOn,
                         LocalDate endsOn,
                         @NotBlank(message = "required: the reference of the mayor's arrêté")
                         @Size(max = CivilStatusText.TEXT_MAX, message = "at most {max} characters")
                         @Pattern(regexp = CivilStatusText.PRINTABLE, message = "no control characters")
                         String reference) {

    DelegationRequest {
        reference = CivilStatusText.clean(reference);
    }
}
