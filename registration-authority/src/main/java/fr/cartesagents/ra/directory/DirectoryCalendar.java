package fr.cartesagents.ra.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * The calendar of roles and delegations: dates are days in France, and an end date is the last day
 * the role is held (as the authorization rules read it). So something ended "at once" ends
 * yesterday; something that had not started yet ends the day before its start (an empty period).
 */
@Component
record DirectoryCalendar(Clock clock) {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    LocalDate today() {
        return LocalDate.now(clock.withZone(FRANCE));
    }

    /** The end date of a period that starts on {@code startsOn} and is ended at once. */
    LocalDate endedAtOnce(LocalDate startsOn) {
        LocalDate yesterday = today().minusDays(1);
        LocalDate beforeStart = startsOn.minusDays(1);
        return yesterday.isBefore(beforeStart) ? beforeStart : yesterday;
    }

    /**
     * The end date asked for (today or later: the past is not rewritten), or at once when none is given.
     *
     * @throws ProblemException 422 when the requested date is in the past or before the start
     */
    LocalDate end(LocalDate startsOn, Optional<LocalDate> requested) {
        if (requested.isEmpty()) {
            return endedAtOnce(startsOn);
        }
        LocalDate endsOn = requested.get();
        if (endsOn.isBefore(today()) || endsOn.isBefore(startsOn)) {
            throw ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.end-in-past", endsOn.toString(),
                    today().toString());
        }
        return endsOn;
    }

    /**
     * The last day of {@code current} (a role, a delegation) once ended as {@code request} asks ({@link #end}):
     * the one rule of every path that ends one.
     *
     * @throws ProblemException 409 {@code endedKey} when it ended before today
     */
    LocalDate endOf(Dated current, EndRequest request, String endedKey) {
        if (current.endsOn() != null && current.endsOn().isBefore(today())) {
            throw ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, endedKey);
        }
        return end(current.startsOn(), request.requested());
    }

    /** A role or a delegation: held from {@code startsOn} to {@code endsOn}, its last day (null while open). */
    interface Dated {
        LocalDate startsOn();

        LocalDate endsOn();
    }
}
