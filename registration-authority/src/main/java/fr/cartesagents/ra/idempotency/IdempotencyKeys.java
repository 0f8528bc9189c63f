package fr.cartesagents.ra.idempotency;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Mono;

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
                        throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "The " + IdempotentRequest.HEADER
                                + " '" + request.key() + "' was already used for a different request");
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
