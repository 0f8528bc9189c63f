package fr.cartesagents.ra.directory;

import java.net.URI;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.idempotency.StoredResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the directory's endpoints answer: a record with its version as ETag, and the stored response
 * of a creating POST (first answer or replay) with the new record's Location and ETag.
 */
final class DirectoryResponses {

    /** Every record the directory creates starts at version 0. */
    private static final EntityVersion NEW = new EntityVersion(0);

    private DirectoryResponses() {
    }

    static <T> ResponseEntity<T> versioned(T body, long version) {
        return ResponseEntity.ok().eTag(new EntityVersion(version).etag()).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** {@code locationOf} turns the stored body into the path of the created record. */
    static ResponseEntity<String> created(JsonMapper json, StoredResponse stored, Function<JsonNode, String> locationOf) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(stored.status()).contentType(MediaType.APPLICATION_JSON);
        if (stored.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        if (stored.status() == HttpStatus.CREATED.value()) {
            response.location(URI.create(locationOf.apply(json.readTree(stored.jsonBody()))));
            response.eTag(NEW.etag());
        }
        return response.body(stored.jsonBody());
    }
}
