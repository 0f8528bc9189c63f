package fr.cartesagents.ra.web;

import java.util.Optional;

import reactor.core.publisher.Mono;

/**
 * A handler parameter for a versioned update: the caller's {@code If-Match} and its JSON body, as the
 * typed command the service takes. Declaring {@code VersionedBody<ThingUpdate> change} replaces the
 * {@code If-Match} header, the raw body and the {@code requestBody} of {@code @Operation}
 * ({@link WebKitDocumentation} documents both from the type).
 * <p>
 * Everything is read lazily: the service subscribes only after its authorization check, so a
 * stranger learns nothing from a missing (428) or malformed (400) If-Match or a bad body; the
 * If-Match is checked before the body.
 */
public final class VersionedBody<T> {

    private final String ifMatch;
    private final String body;
    private final Class<T> type;
    private final JsonRequests requests;

    VersionedBody(String ifMatch, String body, Class<T> type, JsonRequests requests) {
        this.ifMatch = ifMatch;
        this.body = body;
        this.type = type;
        this.requests = requests;
    }

    /** If-Match required (428, 400), then a body required and read strictly. */
    public Mono<VersionedChange<T>> command() {
        return expected().map(expected -> new VersionedChange<>(expected, requests.read(body, type)));
    }

    /**
     * If-Match required, the body optional: {@code whenNoBody} stands for an empty one (ending a role
     * "at once" unless a day is given).
     */
    public Mono<VersionedChange<T>> commandOr(T whenNoBody) {
        return expected().map(expected -> new VersionedChange<>(expected,
                body == null || body.isBlank() ? whenNoBody : requests.read(body, type)));
    }

    /** For a move whose If-Match is optional (a card order's): empty when absent, 428/400 when blank or malformed. */
    public Mono<Optional<EntityVersion>> expectedIfGiven() {
        return Mono.fromCallable(() -> Optional.ofNullable(ifMatch).map(EntityVersion::fromIfMatch));
    }

    /** The body alone, required and read strictly, for a service that reads it once it knows what it acts on. */
    public Mono<T> body() {
        return Mono.fromCallable(() -> requests.read(body, type));
    }

    private Mono<EntityVersion> expected() {
        return Mono.fromCallable(() -> EntityVersion.fromIfMatch(ifMatch));
    }
}
