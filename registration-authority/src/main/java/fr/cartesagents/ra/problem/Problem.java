package fr.cartesagents.ra.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpStatusCode;

/**
 * An RFC 9457 problem document as this server writes it: {@code type}, {@code title},
 * {@code status}, {@code detail}, plus extension members (e.g. {@code reason}).
 */
public record Problem(URI type, String title, HttpStatusCode status, String detail, Map<String, Object> properties) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        properties = Map.copyOf(properties);
    }

    public static Problem of(ProblemType problemType, String detail) {
        return new Problem(problemType.type(), problemType.title(), problemType.status(), detail, Map.of());
    }

    public static Problem of(ProblemException exception) {
        return of(exception, ProblemMessages.ENGLISH);
    }

    /** The problem in the caller's language: French or English title and detail. */
    public static Problem of(ProblemException exception, java.util.Locale locale) {
        ProblemType problemType = exception.problemType();
        return new Problem(problemType.type(), ProblemMessages.title(problemType, locale), problemType.status(),
                exception.detail(locale), exception.properties(locale));
    }

    /** The JSON members, in the order RFC 9457 lists them. */
    public Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", type.toString());
        members.put("title", title);
        members.put("status", status.value());
        if (detail != null) {
            members.put("detail", detail);
        }
        properties.forEach(members::putIfAbsent);
        return members;
    }
}
