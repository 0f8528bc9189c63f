package fr.cartesagents.ra.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Bad input as a problem the caller can fix field by field: {@code validation-failed} with an
 * {@code errors} member ({@code [{"field": "subject.siren", "message": "..."}]}) for constraint
 * violations, unknown JSON members, values of the wrong type and malformed parameters;
 * {@code bad-request} for a body that is not JSON at all or is missing. Texts in French or English.
 */
final class InputProblems {

    private InputProblems() {
    }

    static Optional<Problem> of(Throwable error, Locale locale) {
        if (error instanceof WebExchangeBindException binding) {
            return Optional.of(validationFailed(bindingErrors(binding, locale), locale));
        }
        if (error instanceof HandlerMethodValidationException validation) {
            List<FieldProblem> errors = new ArrayList<>();
            for (ParameterValidationResult result : validation.getParameterValidationResults()) {
                String name = parameterName(result.getMethodParameter());
                result.getResolvableErrors().forEach(problem -> errors.add(new FieldProblem(
                        problem instanceof FieldError field ? name + "." + field.getField() : name, problem.getDefaultMessage())));
            }
            return Optional.of(validationFailed(errors, locale));
        }
        if (error instanceof MissingRequestValueException missing) {
            return Optional.of(problem(ProblemType.BAD_REQUEST, locale, "input.missing",
                    List.of(new FieldProblem(missing.getName(), ProblemMessages.render("input.required", new Object[0], locale))),
                    missing.getName()));
        }
        if (!(error instanceof ServerWebInputException input)) {
            return Optional.empty();
        }
        UnrecognizedPropertyException unknown = cause(error, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return Optional.of(validationFailed(List.of(new FieldProblem(path(unknown),
                    ProblemMessages.render("input.unknown-field", new Object[0], locale))), locale));
        }
        MismatchedInputException mismatched = cause(error, MismatchedInputException.class);
        if (mismatched != null && !mismatched.getPath().isEmpty()) {
            String expected = mismatched.getTargetType() == null ? "?" : typeName(mismatched.getTargetType());
            return Optional.of(validationFailed(List.of(new FieldProblem(path(mismatched),
                    ProblemMessages.render("input.wrong-type", new Object[] {expected}, locale))), locale));
        }
        StreamReadException unreadable = cause(error, StreamReadException.class);
        if (unreadable != null && JsonReadErrors.isDuplicateMember(unreadable)) {
            return Optional.of(problem(ProblemType.BAD_REQUEST, locale, "input.duplicate-member", List.of()));
        }
        if (unreadable != null || mismatched != null) {
            return Optional.of(problem(ProblemType.BAD_REQUEST, locale, "input.unreadable-json", List.of()));
        }
        TypeMismatchException typeMismatch = cause(error, TypeMismatchException.class);
        if (typeMismatch != null) {
            String name = input.getMethodParameter() != null ? parameterName(input.getMethodParameter())
                    : String.valueOf(typeMismatch.getPropertyName());
            String expected = typeMismatch.getRequiredType() == null ? "?" : typeName(typeMismatch.getRequiredType());
            return Optional.of(validationFailed(List.of(new FieldProblem(name,
                    ProblemMessages.render("input.wrong-type", new Object[] {expected}, locale))), locale));
        }
        if (input.getReason() != null && input.getReason().contains("body")) {
            return Optional.of(problem(ProblemType.BAD_REQUEST, locale, "input.body-missing", List.of()));
        }
        return Optional.empty();
    }

    private static List<FieldProblem> bindingErrors(WebExchangeBindException binding, Locale locale) {
        List<FieldProblem> localized = binding.getTarget() == null ? List.of()
                : LocalizedValidation.violations(binding.getTarget(), locale);
        if (!localized.isEmpty()) {
            return localized;
        }
        List<FieldProblem> errors = new ArrayList<>();
        binding.getFieldErrors().forEach(field -> errors.add(new FieldProblem(field.getField(), field.getDefaultMessage())));
        binding.getGlobalErrors().forEach(global -> errors.add(new FieldProblem(global.getObjectName(), global.getDefaultMessage())));
        return errors;
    }

    private static Problem validationFailed(List<FieldProblem> errors, Locale locale) {
        return problem(ProblemType.VALIDATION_FAILED, locale, "input.invalid", errors, errors.size());
    }

    private static Problem problem(ProblemType type, Locale locale, String key, List<FieldProblem> errors, Object... arguments) {
        List<Map<String, String>> members = errors.stream().map(FieldProblem::member).toList();
        return new Problem(type.type(), ProblemMessages.title(type, locale), type.status(),
                ProblemMessages.render(key, arguments, locale), Map.of("errors", members));
    }

    private static String path(JacksonException error) {
        return JsonReadErrors.memberPath(error, "$");
    }

    private static String typeName(Class<?> type) {
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                values.add(constant.toString());
            }
            return String.join(" | ", values);
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return type.getSimpleName();
    }

    private static String parameterName(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return name == null ? "parameter " + parameter.getParameterIndex() : name;
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
