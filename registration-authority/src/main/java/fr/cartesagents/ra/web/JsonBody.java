package fr.cartesagents.ra.web;

import reactor.core.publisher.Mono;

/**
 * A handler parameter for a POST that is neither a creation nor a versioned update (a hand-over, an
 * activation, a revocation without the card): its JSON body of type {@code T}, read strictly
 * ({@link JsonRequests}) only when the service subscribes to {@link #value()}, so after its own checks.
 * {@link WebKitDocumentation} documents the body.
 */
public final class JsonBody<T> {

    private final String body;
    private final Class<T> type;
    private final JsonRequests requests;

    JsonBody(String body, Class<T> type, JsonRequests requests) {
        this.body = body;
        this.type = type;
        this.requests = requests;
    }

    /** The body, read when subscribed: 400 when absent, malformed or invalid. */
    public Mono<T> value() {
        return Mono.fromCallable(() -> requests.read(body, type));
    }
}
