package fr.cartesagents.ra.compliance;

import java.util.Locale;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/** A finding is open, then closed; closing it is the only move, and only once (409 after). */
public enum FindingState {
    OPEN,
    CLOSED;

    FindingState close() {
        if (this != OPEN) {
            throw ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "finding.already-closed");
        }
        return CLOSED;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
