package fr.cartesagents.ra.idempotency;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs a state-changing operation at most once per (caller, key). The first request runs the
 * operation and stores its response in the same transaction as the operation's own writes; a
 * retry with the same key and the same request gets the stored response; the same key with a
 * different request is refused (422). Failed operations store nothing, so they can be retried.
 */
@Component
public class IdempotencyKeys {

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    /** Per (principal, key): completes when the latest request with that key on this instance is done. */
    private final ConcurrentHashMap<List<String>, Mono<Void>> inFlight = new ConcurrentHashMap<>();

    public IdempotencyKeys(DatabaseClient database, TransactionalOperator transactions) {
        this.database = database;
        this.transactions = transactions;
    }

    /** {@code operation} must not commit by itself: it joins the transaction opened here. */
    public Mono<StoredResponse> execute(IdempotentRequest request, Mono<StoredResponse> operation) {
        return replay(request).switchIfEmpty(Mono.defer(() -> transactions.transactional(
                        operation.flatMap(response -> store(request, response).thenReturn(response))))
                .onErrorResume(DataIntegrityViolationException.class,
                        // Another request with this key committed first: answer as it did, if it is the same request.
                        collision -> replay(request).switchIfEmpty(Mono.error(collision))));
    }

    /**
     * Like {@link #execute(IdempotentRequest, Mono)} for an operation whose first step must commit on its
     * own before the rest runs (an issuance reserves its serial, then signs outside any transaction):
     * {@code beforeTransaction} runs only when no response is stored for the key, outside the
     * transaction; {@code inTransaction} then runs in the transaction that stores the response. If a
     * later step fails, what {@code beforeTransaction} committed stays, and nothing is stored for the key.
     * Requests with one key run one after the other on this instance, so that a concurrent retry waits
     * and gets the stored response instead of running the first step again. (Across instances, the
     * stored response still wins; the loser's first step stays as it committed it.)
     */
    public <T> Mono<StoredResponse> execute(IdempotentRequest request, Mono<T> beforeTransaction,
                                            Function<T, Mono<StoredResponse>> inTransaction) {
        return oneAtATime(request, replay(request).switchIfEmpty(Mono.defer(() -> beforeTransaction.flatMap(
                        first -> transactions.transactional(
                                inTransaction.apply(first).flatMap(response -> store(request, response).thenReturn(response))))))
                .onErrorResume(DataIntegrityViolationException.class,
                        collision -> replay(request).switchIfEmpty(Mono.error(collision))));
    }

    /** Runs {@code work} once the previous request with the same key on this instance has finished. */
    private Mono<StoredResponse> oneAtATime(IdempotentRequest request, Mono<StoredResponse> work) {
        return Mono.defer(() -> {
            List<String> id = List.of(request.principal(), request.key());
            Sinks.Empty<Void> done = Sinks.empty();
            Mono<Void> mine = done.asMono();
            Mono<Void> previous = inFlight.put(id, mine);
            return (previous == null ? Mono.<Void>empty() : previous)
                    .then(work)
                    .doFinally(signal -> {
                        inFlight.remove(id, mine);
                        done.tryEmitEmpty();
                    });
        });
    }

    private Mono<StoredResponse> replay(IdempotentRequest request) {
        return database.sql("select request_hash, response_status, response_body from idempotency_key"
                        + " where principal = :principal and key = :key")
                .bind("principal", request.principal())
                .bind("key", request.key())
                .map(row -> new Stored(row.get("request_hash", String.class), row.get("response_status", Integer.class),
                        row.get("response_body", String.class)))
                .first()
                .map(stored -> {
                    if (!stored.requestHash().equals(request.requestHash())) {
                        throw ProblemException.localized(ProblemType.IDEMPOTENCY_KEY_REUSED, "idempotency.key-reused",
                                IdempotentRequest.HEADER, request.key());
                    }
                    return new StoredResponse(stored.status(), stored.body(), true);
                });
    }

    private Mono<Void> store(IdempotentRequest request, StoredResponse response) {
        return database.sql("insert into idempotency_key (principal, key, request_hash, response_status, response_body)"
                        + " values (:principal, :key, :requestHash, :status, :body)")
                .bind("principal", request.principal())
                .bind("key", request.key())
                .bind("requestHash", request.requestHash())
                .bind("status", response.status())
                .bind("body", response.jsonBody())
                .then();
    }

    private record Stored(String requestHash, int status, String body) {
    }
}
