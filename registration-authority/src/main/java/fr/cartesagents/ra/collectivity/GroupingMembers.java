package fr.cartesagents.ra.collectivity;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The communes of a grouping, replaced as a whole. */
public record GroupingMembers(@NotNull @Size(min = 1, max = 500) List<@NotNull UUID> memberIds) {
}
