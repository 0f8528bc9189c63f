package fr.cartesagents.ra.problem;

import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;
import org.hibernate.validator.spi.resourceloading.ResourceBundleLocator;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * Bean Validation messages in the caller's language. WebFlux validates request bodies before the
 * caller's locale is known to the validator (no thread-bound locale on an event loop), so the
 * edge validates the rejected object again with a validator fixed to French or English. Messages
 * come from Hibernate Validator's own bundles, or, for a constraint whose message is a {@code {key}}
 * of ours, from {@code ValidationMessages} ({@code cartes.field.*}) or {@code i18n/problems}, in
 * their English base or their {@code _fr} file, never in the JVM's default locale (an English caller
 * on a French machine still reads English).
 */
public final class LocalizedValidation {

    private static final List<String> OUR_BUNDLES = List.of("ValidationMessages", "i18n/problems");
    private static final ResourceBundle.Control NO_SYSTEM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final Map<Locale, Validator> VALIDATORS = Map.of(
            ProblemMessages.FRENCH, validatorIn(ProblemMessages.FRENCH),
            ProblemMessages.ENGLISH, validatorIn(ProblemMessages.ENGLISH));

    private LocalizedValidation() {
    }

    /** The constraint violations of {@code target}, as field errors in {@code locale}, sorted by field. */
    public static List<FieldProblem> violations(Object target, Locale locale) {
        Validator validator = VALIDATORS.getOrDefault(locale, VALIDATORS.get(ProblemMessages.ENGLISH));
        return validator.validate(target).stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
    }

    private static Validator validatorIn(Locale locale) {
        MessageInterpolator messages = new ResourceBundleMessageInterpolator(LocalizedValidation::ourMessages);
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

    /** Our bundles in French for French, else in their English base: a {@link ResourceBundleLocator}. */
    private static ResourceBundle ourMessages(Locale locale) {
        Locale wanted = ProblemMessages.FRENCH.getLanguage().equals(locale.getLanguage()) ? ProblemMessages.FRENCH : Locale.ROOT;
        List<ResourceBundle> bundles = OUR_BUNDLES.stream().map(name -> {
            try {
                return ResourceBundle.getBundle(name, wanted, NO_SYSTEM_LOCALE);
            } catch (MissingResourceException absent) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                for (ResourceBundle bundle : bundles) {
                    if (bundle.containsKey(key)) {
                        return bundle.getObject(key);
                    }
                }
                return null;
            }

            @Override
            public Enumeration<String> getKeys() {
                Set<String> keys = new LinkedHashSet<>();
                bundles.forEach(bundle -> keys.addAll(bundle.keySet()));
                return Collections.enumeration(keys);
            }
        };
    }
}
