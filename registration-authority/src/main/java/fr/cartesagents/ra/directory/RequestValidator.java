package fr.cartesagents.ra.directory;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * Bean Validation of request bodies, reported as one 400 problem that lists every invalid field
 * ({@code errors: [{field, message}]}), so that a form can show them all at once.
 */
@Component
class RequestValidator {

    private final Validator validator;

    RequestValidator(Validator validator) {
        this.validator = validator;
    }

    <T> T valid(T request) {
        var violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        List<Map<String, String>> errors = violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .map(violation -> {
                    Map<String, String> error = new LinkedHashMap<>();
                    error.put("field", violation.getPropertyPath().toString());
                    error.put("message", violation.getMessage());
                    return error;
                })
                .toList();
        throw ProblemException.localized(ProblemType.VALIDATION_FAILED, Map.of("errors", errors),
                "directory.invalid-fields", String.join(", ", errors.stream().map(e -> e.get("field")).distinct().toList()));
    }
}
