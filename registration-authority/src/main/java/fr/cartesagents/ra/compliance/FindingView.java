package fr.cartesagents.ra.compliance;

import fr.cartesagents.ra.web.Versioned;

import java.time.LocalDate;
import java.util.UUID;

/** An audit finding: a minor or major non-conformity, {@code open} until closed; {@code version} is its ETag. */
public record FindingView(UUID id, UUID collectivityId, String severity, String description, LocalDate foundOn, String state,
                          LocalDate closedOn, String closingNote, long version) implements Versioned {
}
