package fr.cartesagents.ra.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.problem.FieldProblem;
import fr.cartesagents.ra.problem.JsonReadErrors;
import fr.cartesagents.ra.problem.LocalizedValidation;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemMessages;
import fr.cartesagents.ra.problem.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON request body strictly, then checks its Bean Validation constraints: no body, a body
 * that is not well-formed JSON or one that gives a member twice is a 400 {@code bad-request} (as
 * docs/api.md lists it, and as a body WebFlux decodes is answered); an unknown
 * member, a value of the wrong type, a missing primitive or a broken constraint is a 400
 * {@code validation-failed} problem naming the fields ({@code errors}), before anything is read
 * from or written to the database. (The server's shared JSON mapper ignores unknown members, which
 * would let a misspelt field pass silently.)
 */
@Component
public class JsonRequests {

    private final JsonMapper strict;

    public JsonRequests() {
        this.strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.localized(ProblemType.BAD_REQUEST, "input.body-missing");
        }
        T value;
        try {
            value = strict.readValue(body, type);
        } catch (StreamReadException e) {
            // Not JSON at all (or a member given twice): the body has no fields to name.
            throw ProblemException.localized(ProblemType.BAD_REQUEST,
                    JsonReadErrors.isDuplicateMember(e) ? "input.duplicate-member" : "input.unreadable-json");
        } catch (JacksonException e) {
            String field = JsonReadErrors.memberPath(e, "(body)");
            String why = e instanceof UnrecognizedPropertyException ? "input.unknown-field" : "input.unreadable-value";
            throw ProblemException.invalidFields(locale -> List.of(new FieldProblem(field,
                    ProblemMessages.render(why, new Object[0], locale))), "request.unreadable", field);
        }
        if (value == null) {
            throw ProblemException.localized(ProblemType.BAD_REQUEST, "input.body-missing");
        }
        return valid(value);
    }

    /**
     * {@code value} if it meets its constraints, else a 400 problem listing each broken one, its
     * messages in the caller's language ({@link LocalizedValidation}: {@code cartes.field.*} keys of
     * {@code ValidationMessages}).
     */
    public <T> T valid(T value) {
        List<FieldProblem> violations = LocalizedValidation.violations(value, ProblemMessages.ENGLISH);
        if (!violations.isEmpty()) {
            throw ProblemException.invalidFields(locale -> LocalizedValidation.violations(value, locale), "request.invalid",
                    violations.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", ")));
        }
        return value;
    }
}
