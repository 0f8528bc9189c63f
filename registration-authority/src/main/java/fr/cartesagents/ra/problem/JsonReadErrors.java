package fr.cartesagents.ra.problem;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * What a Jackson read error says about the request body, read the same way by the bodies Spring
 * decodes ({@link InputProblems}) and by those read strictly ({@code web.JsonRequests}).
 */
public final class JsonReadErrors {

    private JsonReadErrors() {
    }

    /** The JSON path of the member in error ({@code subject.siren}, {@code items[2].name}), or {@code root} for the body itself. */
    public static String memberPath(JacksonException error, String root) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? root : path.toString();
    }

    /** True when the parser refused a member given twice (strict duplicate detection), not malformed JSON. */
    public static boolean isDuplicateMember(StreamReadException error) {
        return error.getOriginalMessage() != null && error.getOriginalMessage().startsWith("Duplicate Object property");
    }
}
