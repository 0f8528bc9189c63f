package fr.cartesagents.ra.compliance;

import fr.cartesagents.ra.web.Versioned;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A commune's security questionnaire: every measure of the Guide SSI with its control points and
 * the commune's answers ({@code applied} is null while unanswered), the status computed from them
 * (compliant, non_compliant, unanswered), and {@code version}, its ETag.
 */
public record QuestionnaireView(UUID collectivityId, String edition, String status, int answered, int total,
                                List<MeasureView> measures, long version) implements Versioned {

    public record MeasureView(int number, String section, String title, String status, List<ControlPointView> controlPoints) {
    }

    public record ControlPointView(String id, String text, Boolean applied, String comment, Instant answeredAt) {
    }
}
