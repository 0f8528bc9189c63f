package fr.cartesagents.ra.directory;

import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.idempotency.IdempotencyKeys;
import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.idempotency.StoredResponse;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every creating POST of the directory: at most once per (caller, Idempotency-Key), the response
 * stored with the creation in one transaction, 201 with the new record's Location and ETag.
 */
@Component
class IdempotentCreation {

    private final IdempotencyKeys idempotency;
    private final JsonMapper json;

    IdempotentCreation(IdempotencyKeys idempotency, JsonMapper json) {
        this.idempotency = idempotency;
        this.json = json;
    }

    /**
     * @param path       the request path (part of what the key is bound to)
     * @param authorized the caller's permission on the path, checked before the key, the body or anything else
     * @param body       the request body, decoded only once the caller is authorized
     * @param creation   creates the record; joins the idempotency transaction
     * @param locationOf the path of the created record, from its JSON
     */
    <T> Mono<ResponseEntity<String>> create(Actor actor, String key, String path, Mono<Void> authorized, Mono<T> body,
                                            Function<T, Mono<?>> creation, Function<JsonNode, String> locationOf) {
        return authorized.then(body).flatMap(request -> Mono.fromCallable(() -> IdempotentRequest.of(actor.auditName(), key,
                        "POST", path, json.writeValueAsString(request)))
                .flatMap(idempotent -> idempotency.execute(idempotent, creation.apply(request).map(created ->
                        StoredResponse.fresh(HttpStatus.CREATED.value(), json.writeValueAsString(created))))))
                .map(stored -> DirectoryResponses.created(json, stored, locationOf));
    }
}
