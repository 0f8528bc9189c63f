package fr.cartesagents.ra.web;

import java.net.URI;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.idempotency.IdempotencyKeys;
import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.idempotency.StoredResponse;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web kit every controller uses, so that the HTTP plumbing is written once and services only
 * see typed commands:
 * <ul>
 * <li>{@link #create}: an idempotent creating POST (authorized first, then the body read strictly,
 *     then the creation run at most once per caller and {@code Idempotency-Key}, its response
 *     stored in the creation's transaction; 201 with Location and ETag, replays marked
 *     {@code Idempotent-Replayed});</li>
 * <li>{@link #once}: any other idempotent POST (a revocation, a grant that may wait for approval, a
 *     two-phase issuance);</li>
 * <li>{@link #tagged}: a record answered with its version as ETag.</li>
 * </ul>
 * Handlers take {@link IdempotentBody}, {@link VersionedBody}, {@link VersionedMove} and {@link JsonBody}
 * parameters ({@link WebKitArguments}) rather than the raw headers and body; a versioned update's
 * command comes from {@link VersionedBody} itself.
 */
@Component
public class ApiEndpoints {

    private final IdempotencyKeys idempotency;
    private final JsonRequests requests;
    private final JsonMapper json;

    public ApiEndpoints(IdempotencyKeys idempotency, JsonRequests requests, JsonMapper json) {
        this.idempotency = idempotency;
        this.requests = requests;
        this.json = json;
    }

    /**
     * An idempotent creation answered 201 with {@code Location: <collection>/<id>} and the ETag of its
     * version: {@code authorized} (the caller's permission) first, then the body read strictly, then
     * {@code creation} run at most once per caller and key, joining the transaction that stores its answer.
     *
     * @param principal who the key belongs to (the caller's audit name)
     */
    public <T, V> Mono<ResponseEntity<String>> create(String principal, IdempotentBody<T> request, Mono<Void> authorized,
                                                      Function<T, Mono<V>> creation) {
        return authorized.then(body(request))
                .flatMap(valid -> once(principal, request, valid, Mono.defer(() -> creation.apply(valid)), HttpStatus.CREATED))
                .map(stored -> stored(stored, request.collection(), "id"));
    }

    /** The body of an idempotent POST, read strictly when subscribed (after the caller's authorization). */
    public <T> Mono<T> body(IdempotentBody<T> request) {
        return Mono.fromCallable(() -> requests.read(request.body(), request.type()));
    }

    /** {@link #once(String, String, String, Object, Mono, HttpStatus)} with the key and path of {@code idempotent}. */
    public <V> Mono<StoredResponse> once(String principal, IdempotentBody<?> idempotent, Object request, Mono<V> operation,
                                         HttpStatus status) {
        return once(principal, idempotent.key(), idempotent.path(), request, operation, status);
    }

    /** {@link #once(String, String, String, Object, Mono, Function)} with the key and path of {@code idempotent}. */
    public <V> Mono<StoredResponse> once(String principal, IdempotentBody<?> idempotent, Object request, Mono<V> operation,
                                         Function<V, Answer> answer) {
        return once(principal, idempotent.key(), idempotent.path(), request, operation, answer);
    }

    /**
     * Like {@link #once(String, String, String, Object, Mono, HttpStatus)} for an operation whose first step
     * must commit on its own before the rest (an issuance reserves its serial, then the key signs outside
     * any transaction): {@code beforeTransaction} runs only when no answer is stored for the key, then
     * {@code inTransaction} runs in the transaction that stores the answer
     * ({@link IdempotencyKeys#execute(IdempotentRequest, Mono, Function)}).
     */
    public <P, V> Mono<StoredResponse> once(String principal, IdempotentBody<?> idempotent, Object request,
                                            Mono<P> beforeTransaction, Function<P, Mono<V>> inTransaction, HttpStatus status) {
        return Mono.fromCallable(() -> IdempotentRequest.of(principal, idempotent.key(), "POST", idempotent.path(),
                        json.writeValueAsString(request)))
                .flatMap(keyed -> idempotency.execute(keyed, beforeTransaction, first -> inTransaction.apply(first)
                        .map(result -> StoredResponse.fresh(status.value(), json.writeValueAsString(result)))));
    }

    /**
     * Runs {@code operation} at most once per (principal, key) for this {@code request}, storing its
     * answer with status {@code status} in the operation's transaction; a retry gets that answer.
     * The key is checked first: pass a deferred operation ({@code Mono.defer}) so that nothing of it
     * runs before.
     */
    public <V> Mono<StoredResponse> once(String principal, String key, String path, Object request, Mono<V> operation,
                                         HttpStatus status) {
        return once(principal, key, path, request, operation, result -> new Answer(status, result));
    }

    /**
     * Like {@link #once(String, String, String, Object, Mono, HttpStatus)}, for an operation whose answer
     * depends on its outcome (a grant to oneself becomes a request that waits for another manager:
     * 201 with the habilitation, or 202 with the request); the stored answer is {@code answer(outcome)}.
     */
    public <V> Mono<StoredResponse> once(String principal, String key, String path, Object request, Mono<V> operation,
                                         Function<V, Answer> answer) {
        return Mono.fromCallable(() -> IdempotentRequest.of(principal, key, "POST", path, json.writeValueAsString(request)))
                .flatMap(idempotent -> idempotency.execute(idempotent, operation.map(answer).map(result ->
                        StoredResponse.fresh(result.status().value(), json.writeValueAsString(result.body())))));
    }

    /** The status and the body (written as JSON) of an idempotent POST's answer. */
    public record Answer(HttpStatus status, Object body) {
    }

    /**
     * A stored answer of a POST that created something, at once (201) or as a request that waits
     * (202): {@code Location: <locationBase(status)>/<the body's id>} and the ETag of its {@code version}.
     */
    public ResponseEntity<String> created(StoredResponse stored, java.util.function.IntFunction<String> locationBase) {
        return stored(stored, "id", id -> locationBase.apply(stored.status()) + "/" + id);
    }

    /**
     * A stored (first or replayed) answer as a response; for a 201 (or a 202), {@code Location:
     * <collectionPath>/<the body's idMember>} and the ETag of its {@code version} member (0 when the view has none).
     */
    public ResponseEntity<String> stored(StoredResponse stored, String collectionPath, String idMember) {
        return stored(stored, idMember, id -> collectionPath + "/" + id);
    }

    private ResponseEntity<String> stored(StoredResponse stored, String idMember, Function<String, String> locationOf) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(stored.status()).contentType(MediaType.APPLICATION_JSON);
        if (stored.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        if (stored.status() == HttpStatus.CREATED.value() || stored.status() == HttpStatus.ACCEPTED.value()) {
            JsonNode created = json.readTree(stored.jsonBody());
            if (created.hasNonNull(idMember)) {
                response.location(URI.create(locationOf.apply(created.get(idMember).asString())));
            }
            // every created row starts at version 0, also when its view does not show the version
            response.eTag(new EntityVersion(created.hasNonNull("version") ? created.get("version").asLong() : 0).etag());
        }
        return response.body(stored.jsonBody());
    }

    /** The version the caller read, for a versioned move without a body (a withdrawal, a departure). */
    Mono<EntityVersion> ifMatch(String ifMatch) {
        return Mono.fromCallable(() -> EntityVersion.fromIfMatch(ifMatch));
    }

    /**
     * The body read strictly and validated, lazily. For the controllers not yet on the kit's parameters
     * (renewal, unblock): a handler takes a {@link JsonBody} instead.
     */
    public <T> Mono<T> body(String body, Class<T> type) {
        return Mono.fromCallable(() -> requests.read(body, type));
    }

    /** The record with its version as ETag. */
    public static <V extends Versioned> Mono<ResponseEntity<V>> tagged(Mono<V> record) {
        return record.map(ApiEndpoints::tagged);
    }

    public static <V extends Versioned> ResponseEntity<V> tagged(V record) {
        return ResponseEntity.ok().eTag(new EntityVersion(record.version()).etag()).contentType(MediaType.APPLICATION_JSON).body(record);
    }
}
