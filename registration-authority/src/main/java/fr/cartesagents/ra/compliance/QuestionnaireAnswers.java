package fr.cartesagents.ra.compliance;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Answers to some or all control points; points not named keep their previous answer. */
public record QuestionnaireAnswers(@NotNull @Size(min = 1, max = 18) List<@Valid @NotNull Answer> answers) {

    /** Whether control point {@code controlPoint} (e.g. "8.2") is applied, with an optional comment. */
    public record Answer(@NotNull @Pattern(regexp = "[1-9]\\.[1-3]") String controlPoint, @NotNull Boolean applied,
                         @Size(max = 1000) String comment) {
    }
}
