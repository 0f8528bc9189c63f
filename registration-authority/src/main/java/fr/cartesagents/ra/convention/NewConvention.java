package fr.cartesagents.ra.convention;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A convention to draft: its kind, its parties (collectivity ids), an optional reference and annex. */
public record NewConvention(
        @NotNull @Pattern(regexp = "cartes|comedec|pve") String kind,
        @NotNull @Size(min = 1, max = 50) List<@NotNull UUID> partyIds,
        @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} ./_:'’()-]{1,100}") String reference,
        @Valid ConventionAnnex annex) {
}
