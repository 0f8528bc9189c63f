package fr.cartesagents.ra.compliance;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The end of a non-conformity: when it was remedied, and how. */
public record FindingClosure(@NotNull LocalDate closedOn, @Size(max = 2000) String note) {
}
