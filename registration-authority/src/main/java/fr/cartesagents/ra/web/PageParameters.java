package fr.cartesagents.ra.web;

import java.util.List;

import fr.cartesagents.ra.problem.FieldProblem;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemMessages;
import reactor.core.publisher.Mono;

/** Page number and size from the query string: a value that is not a number is a 400 problem naming the parameter. */
public final class PageParameters {

    private PageParameters() {
    }

    /** {@code ?page=&size=} (defaults 0 and 50), read when subscribed so that a bad number is a problem of the response. */
    public static Mono<Paging> of(String page, String size) {
        return Mono.fromCallable(() -> new Paging(number("page", page, 0), number("size", size, 50)));
    }

    public static int number(String parameter, String value, int byDefault) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidFields(locale -> List.of(new FieldProblem(parameter,
                    ProblemMessages.render("input.wrong-type", new Object[] {"number"}, locale))), "request.invalid", parameter);
        }
    }
}
