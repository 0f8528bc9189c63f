package fr.cartesagents.ra.convention;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The annex of a convention: the delegates the mayor designates (people of the directory holding
 * the mayor or delegate role in a party), the numbers of civil-status officers, agents and
 * workstations.
 */
public record ConventionAnnex(
        @NotNull @Size(max = 50) List<@NotNull UUID> delegateIds,
        @Min(0) @Max(100_000) Integer officers,
        @Min(0) @Max(100_000) Integer agents,
        @Min(0) @Max(100_000) Integer workstations) {

    public ConventionAnnex {
        delegateIds = delegateIds == null ? null : List.copyOf(delegateIds);
    }

    public static ConventionAnnex empty() {
        return new ConventionAnnex(List.of(), null, null, null);
    }
}
