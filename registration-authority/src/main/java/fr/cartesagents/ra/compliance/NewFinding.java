package fr.cartesagents.ra.compliance;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A non-conformity an audit found: {@code major} suspends the collectivity's trust roles while it is open. */
public record NewFinding(@NotNull @Pattern(regexp = "minor|major") String severity,
                         @NotBlank @Size(max = 2000) String description,
                         @NotNull LocalDate foundOn) {
}
