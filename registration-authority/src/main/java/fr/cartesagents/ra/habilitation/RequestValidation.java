package fr.cartesagents.ra.habilitation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Bean Validation of a request body, reported as a 400 {@code validation-failed} problem that names
 * every invalid field (in the problem's {@code errors} member) rather than the first one only.
 */
@Component
class RequestValidation {

    private final Validator validator;

    RequestValidation(Validator validator) {
        this.validator = validator;
    }

    <T> T valid(T request) {
        if (request == null) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "habilitation.body-missing");
        }
        List<ConstraintViolation<T>> violations = validator.validate(request).stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .toList();
        if (violations.isEmpty()) {
            return request;
        }
        Map<String, Object> errors = violations.stream().collect(Collectors.toMap(
                violation -> violation.getPropertyPath().toString(), ConstraintViolation::getMessage, (a, b) -> a + "; " + b,
                java.util.TreeMap::new));
        throw ProblemException.localized(ProblemType.VALIDATION_FAILED, Map.of("errors", errors), "habilitation.invalid-fields",
                String.join(", ", errors.keySet()));
    }
}
