package fr.cartesagents.ra.problem;

import java.util.Map;
import java.util.Objects;

/**
 * A failure the caller can act on, already classified: the edge turns it into a problem document
 * as is. {@code detail} is shown to the caller, so it never holds a secret.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType problemType;
    private final Map<String, Object> properties;
    private final String messageKey;
    private final Object[] arguments;

    public ProblemException(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of(), null);
    }

    public ProblemException(ProblemType problemType, String detail, Map<String, Object> properties, Throwable cause) {
        super(detail, cause);
        this.problemType = Objects.requireNonNull(problemType, "problemType");
        this.properties = Map.copyOf(properties);
        this.messageKey = null;
        this.arguments = new Object[0];
    }

    private ProblemException(ProblemType problemType, String messageKey, Object[] arguments, Map<String, Object> properties) {
        super(ProblemMessages.render(messageKey, arguments, ProblemMessages.ENGLISH));
        this.problemType = Objects.requireNonNull(problemType, "problemType");
        this.properties = Map.copyOf(properties);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    /**
     * A problem whose detail is the text of {@code messageKey} in the bundle {@code i18n/problems}
     * (English, and French in {@code problems_fr.properties}), shown in the caller's language.
     * The arguments are shown to the caller: never a secret.
     */
    public static ProblemException localized(ProblemType problemType, String messageKey, Object... arguments) {
        return new ProblemException(problemType, messageKey, arguments, Map.of());
    }

    /** Like {@link #localized(ProblemType, String, Object...)}, with extension members. */
    public static ProblemException localized(ProblemType problemType, Map<String, Object> properties, String messageKey,
                                             Object... arguments) {
        return new ProblemException(problemType, messageKey, arguments, properties);
    }

    /** The detail in {@code locale} (the English message when this problem was not built from a key). */
    public String detail(java.util.Locale locale) {
        return messageKey == null ? getMessage() : ProblemMessages.render(messageKey, arguments, locale);
    }

    public ProblemType problemType() {
        return problemType;
    }

    /** Extension members of the problem document, such as {@code reason}. */
    public Map<String, Object> properties() {
        return properties;
    }
}
