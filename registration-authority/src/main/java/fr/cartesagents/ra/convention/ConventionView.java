package fr.cartesagents.ra.convention;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;

/**
 * A convention as the API shows it: its state, its dates, the current 6-year period of its term
 * (from the signature, renewed tacitly), the COMEDEC convention whose suspension or termination
 * suspended it (if so), its parties and annex; {@code version} is the ETag.
 */
public record ConventionView(UUID id, String kind, String reference, String state, List<UUID> partyIds, LocalDate signedOn,
                             LocalDate activatedOn, LocalDate terminationRequestedOn, LocalDate terminatesOn,
                             LocalDate currentPeriodStart, LocalDate currentPeriodEnd, UUID suspendedByConventionId,
                             ConventionAnnex annex, long version) implements Versioned {

    public ConventionView {
        partyIds = List.copyOf(partyIds);
    }
}
