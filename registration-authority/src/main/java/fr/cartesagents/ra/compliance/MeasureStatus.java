package fr.cartesagents.ra.compliance;

import java.util.Collection;
import java.util.Locale;

/**
 * Where a measure of the Guide SSI stands, from the answers to its control points: compliant when
 * every point is applied, non-compliant as soon as one is not, unanswered otherwise. The same rule
 * gives the questionnaire's overall status from its measures.
 */
public enum MeasureStatus {
    COMPLIANT,
    NON_COMPLIANT,
    UNANSWERED;

    /** {@code applied}: one entry per control point, {@code null} when not answered. */
    static MeasureStatus of(Collection<Boolean> applied) {
        if (applied.stream().anyMatch(Boolean.FALSE::equals)) {
            return NON_COMPLIANT;
        }
        return applied.stream().allMatch(Boolean.TRUE::equals) ? COMPLIANT : UNANSWERED;
    }

    static MeasureStatus overall(Collection<MeasureStatus> measures) {
        if (measures.contains(NON_COMPLIANT)) {
            return NON_COMPLIANT;
        }
        return measures.stream().allMatch(COMPLIANT::equals) ? COMPLIANT : UNANSWERED;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
