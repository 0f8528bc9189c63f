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

    public ProblemException(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of(), null);
    }

    public ProblemException(ProblemType problemType, String detail, Map<String, Object> properties, Throwable cause) {
        super(detail, cause);
        this.problemType = Objects.requireNonNull(problemType, "problemType");
        this.properties = Map.copyOf(properties);
    }

    public ProblemType problemType() {
        return problemType;
    }

    /** Extension members of the problem document, such as {@code reason}. */
    public Map<String, Object> properties() {
        return properties;
    }
}
