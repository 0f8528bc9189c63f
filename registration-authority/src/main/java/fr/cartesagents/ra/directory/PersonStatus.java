package fr.cartesagents.ra.directory;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/** A person of the directory is active until their departure; a departure is final. */
enum PersonStatus {
    ACTIVE,
    DEPARTED;

    private static final Map<PersonStatus, Set<PersonStatus>> ALLOWED = Map.of(
            ACTIVE, EnumSet.of(DEPARTED),
            DEPARTED, EnumSet.noneOf(PersonStatus.class));

    String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PersonStatus fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** @throws ProblemException 409 when the move is not allowed */
    void requireTransitionTo(PersonStatus next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "directory.person-transition",
                    databaseName(), next.databaseName());
        }
    }

    /** Records of departed people are kept as they were (the audit trail needs them). */
    void requireEditable() {
        if (this == DEPARTED) {
            throw ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "directory.person-departed");
        }
    }
}
