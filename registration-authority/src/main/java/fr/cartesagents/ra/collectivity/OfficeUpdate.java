package fr.cartesagents.ra.collectivity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The name and department of a registration office, replaced as a whole; its code never changes. */
public record OfficeUpdate(
        @NotBlank @Size(max = 200) @Pattern(regexp = OfficialName.PATTERN) String name,
        @NotNull @Pattern(regexp = Department.PATTERN) String department) {
}
