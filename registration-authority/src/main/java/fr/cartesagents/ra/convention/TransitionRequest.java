package fr.cartesagents.ra.convention;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A move of the convention's state machine: {@code sign} (with the signature date {@code on}),
 * {@code activate}, {@code suspend}, {@code reactivate}, {@code request_termination} (on the
 * request date; effective 3 months later). {@code on} defaults to today.
 */
public record TransitionRequest(
        @NotNull @Pattern(regexp = "sign|activate|suspend|reactivate|request_termination") String action,
        LocalDate on,
        @Size(max = 500) String reason) {
}
