package fr.cartesagents.ra.problem;

/** One entry of a problem's {@code errors} member: which input ({@code field}, a JSON path or a parameter name) and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
