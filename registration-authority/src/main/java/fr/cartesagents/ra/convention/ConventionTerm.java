package fr.cartesagents.ra.convention;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The term of a convention (article IX): 6 years from the signature, renewed tacitly by periods of
 * 6 years. The current period is the one that contains {@code today}; a period ends the day before
 * the next one starts.
 */
public record ConventionTerm(LocalDate start, LocalDate end) {

    public static final Period PERIOD = Period.ofYears(6);
    /** The notice of a termination request. */
    public static final Period NOTICE = Period.ofMonths(3);

    /** The period containing {@code today}, or the first one while it has not begun; empty before the signature. */
    public static Optional<ConventionTerm> current(Optional<LocalDate> signedOn, LocalDate today) {
        return signedOn.map(signed -> {
            long elapsed = today.isBefore(signed) ? 0 : ChronoUnit.YEARS.between(signed, today) / 6;
            LocalDate start = signed.plusYears(6 * elapsed);
            return new ConventionTerm(start, start.plus(PERIOD).minusDays(1));
        });
    }
}
