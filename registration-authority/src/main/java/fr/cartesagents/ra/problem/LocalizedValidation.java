package fr.cartesagents.ra.problem;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;
import org.hibernate.validator.resourceloading.AggregateResourceBundleLocator;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * Bean Validation messages in the caller's language. WebFlux validates request bodies before the
 * caller's locale is known to the validator (no thread-bound locale on an event loop), so the
 * edge validates the rejected object again with a validator fixed to French or English. Messages
 * come from Hibernate Validator's own bundles, or from {@code i18n/problems} for a constraint whose
 * message is a {@code {key}} of ours.
 */
final class LocalizedValidation {

    private static final Map<Locale, Validator> VALIDATORS = Map.of(
            ProblemMessages.FRENCH, validatorIn(ProblemMessages.FRENCH),
            ProblemMessages.ENGLISH, validatorIn(ProblemMessages.ENGLISH));

    private LocalizedValidation() {
    }

    /** The constraint violations of {@code target}, as field errors in {@code locale}, sorted by field. */
    static List<FieldProblem> violations(Object target, Locale locale) {
        Validator validator = VALIDATORS.getOrDefault(locale, VALIDATORS.get(ProblemMessages.ENGLISH));
        return validator.validate(target).stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
    }

    private static Validator validatorIn(Locale locale) {
        MessageInterpolator messages = new ResourceBundleMessageInterpolator(
                new AggregateResourceBundleLocator(List.of("i18n/problems", "ValidationMessages")));
        MessageInterpolator fixed = new MessageInterpolator() {
            @Override
            public String interpolate(String template, Context context) {
                return messages.interpolate(template, context, locale);
            }

            @Override
            public String interpolate(String template, Context context, Locale ignored) {
                return messages.interpolate(template, context, locale);
            }
        };
        return Validation.byDefaultProvider().configure().messageInterpolator(fixed).buildValidatorFactory().getValidator();
    }
}
