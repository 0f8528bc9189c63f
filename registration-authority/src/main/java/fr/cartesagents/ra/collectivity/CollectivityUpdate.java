package fr.cartesagents.ra.collectivity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The reference data of a collectivity, replaced as a whole (PUT). The INSEE code and the kind never change. */
public record CollectivityUpdate(
        @NotBlank @Size(max = 200) @Pattern(regexp = OfficialName.PATTERN) String name,
        @Size(max = 9) String siren,
        @Pattern(regexp = Department.PATTERN) String department,
        @Size(max = 10) @Pattern(regexp = "[A-Z0-9]{1,10}") String legalForm) {
}
