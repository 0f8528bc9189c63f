package fr.cartesagents.ra.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A failure the caller can act on, already classified: the edge turns it into a problem document
 * as is. {@code detail} is shown to the caller, so it never holds a secret.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType problemType;
    private final Map<String, Object> properties;
    private final String messageKey;
    private final Object[] arguments;
    /** The {@code errors} member in a language, when the problem names fields; else null. */
    private final Function<Locale, List<FieldProblem>> fields;

    public ProblemException(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of(), null);
    }

    public ProblemException(ProblemType problemType, String detail, Map<String, Object> properties, Throwable cause) {
        super(detail, cause);
        this.problemType = Objects.requireNonNull(problemType, "problemType");
        this.properties = Map.copyOf(properties);
        this.messageKey = null;
        this.arguments = new Object[0];
        this.fields = null;
    }

    private ProblemException(ProblemType problemType, String messageKey, Object[] arguments, Map<String, Object> properties,
                             Function<Locale, List<FieldProblem>> fields) {
        super(ProblemMessages.render(messageKey, arguments, ProblemMessages.ENGLISH));
        this.problemType = Objects.requireNonNull(problemType, "problemType");
        this.properties = Map.copyOf(properties);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
        this.fields = fields;
    }

    /**
     * A problem whose detail is the text of {@code messageKey} in the bundle {@code i18n/problems}
     * (English, and French in {@code problems_fr.properties}), shown in the caller's language.
     * The arguments are shown to the caller: never a secret.
     */
    public static ProblemException localized(ProblemType problemType, String messageKey, Object... arguments) {
        return new ProblemException(problemType, messageKey, arguments, Map.of(), null);
    }

    /** Like {@link #localized(ProblemType, String, Object...)}, with extension members. */
    public static ProblemException localized(ProblemType problemType, Map<String, Object> properties, String messageKey,
                                             Object... arguments) {
        return new ProblemException(problemType, messageKey, arguments, properties, null);
    }

    /**
     * A 400 {@code validation-failed} about one input: the detail is the text of {@code messageKey}, and
     * the {@code errors} member names {@code field} with that same text, in the caller's language, as
     * for every other validation failure (a form shows it next to the field).
     */
    public static ProblemException invalidField(String field, String messageKey, Object... arguments) {
        Object[] shown = arguments.clone();
        return new ProblemException(ProblemType.VALIDATION_FAILED, messageKey, shown, Map.of(),
                locale -> List.of(new FieldProblem(field, ProblemMessages.render(messageKey, shown, locale))));
    }

    /**
     * A 400 {@code validation-failed} naming several inputs, whose messages are rendered in the
     * caller's language when the problem is written ({@code fields} is called with that locale).
     */
    public static ProblemException invalidFields(Function<Locale, List<FieldProblem>> fields, String messageKey,
                                                 Object... arguments) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, messageKey, arguments, Map.of(),
                Objects.requireNonNull(fields, "fields"));
    }

    /** The detail in {@code locale} (the English message when this problem was not built from a key). */
    public String detail(java.util.Locale locale) {
        return messageKey == null ? getMessage() : ProblemMessages.render(messageKey, arguments, locale);
    }

    public ProblemType problemType() {
        return problemType;
    }

    /** Extension members of the problem document, such as {@code reason} (without the language-dependent {@code errors}). */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Extension members of the problem document in {@code locale}: {@link #properties()} and, when fields are named, {@code errors}. */
    public Map<String, Object> properties(Locale locale) {
        if (fields == null) {
            return properties;
        }
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("errors", fields.apply(locale).stream().map(FieldProblem::member).toList());
        return all;
    }
}
