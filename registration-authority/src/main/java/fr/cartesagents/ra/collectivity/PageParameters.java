package fr.cartesagents.ra.collectivity;

import java.util.List;
import java.util.Map;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/** Page number and size from the query string: a value that is not a number is a 400 problem naming the parameter. */
public final class PageParameters {

    private PageParameters() {
    }

    public static int number(String parameter, String value, int byDefault) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED,
                    Map.of("errors", List.of(Map.of("field", parameter, "message", "not a number"))), "request.invalid", parameter);
        }
    }
}
