package fr.cartesagents.ra.collectivity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A registration office to create: a stable code (e.g. PREF-59), its name, its department. */
public record NewOffice(
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,39}") String code,
        @NotBlank @Size(max = 200) @Pattern(regexp = OfficialName.PATTERN) String name,
        @NotNull @Pattern(regexp = Department.PATTERN) String department) {
}
