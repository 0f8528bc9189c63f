package fr.cartesagents.ra.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of a problem's {@code errors} member: which input ({@code field}, a JSON path or a parameter name) and what is wrong with it. */
public record FieldProblem(String field, String message) {

    /** The JSON member {@code {"field": ..., "message": ...}}, in that order. */
    Map<String, String> member() {
        Map<String, String> member = new LinkedHashMap<>();
        member.put("field", field);
        member.put("message", message);
        return member;
    }
}
