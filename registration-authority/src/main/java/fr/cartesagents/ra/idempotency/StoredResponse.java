package fr.cartesagents.ra.idempotency;

import java.util.Objects;

/** The response of a POST that succeeded, kept so that a retry with the same key gets it again. */
public record StoredResponse(int status, String jsonBody, boolean replayed) {

    public StoredResponse {
        Objects.requireNonNull(jsonBody, "jsonBody");
    }

    public static StoredResponse fresh(int status, String jsonBody) {
        return new StoredResponse(status, jsonBody, false);
    }
}
