package fr.cartesagents.ra.collectivity;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import fr.cartesagents.ra.http.EntityVersion;
import fr.cartesagents.ra.idempotency.StoredResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP answers shared by the territory endpoints: a record with its ETag, and the (possibly
 * replayed) answer of an idempotent creation with its Location and ETag taken from the stored body.
 */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static <T> ResponseEntity<T> tagged(T body, long version) {
        return ResponseEntity.ok().eTag(new EntityVersion(version).etag()).body(body);
    }

    /** {@code stored} as a response; for a 201, {@code Location: <collectionPath>/<id>} and the ETag of its {@code version}. */
    public static ResponseEntity<String> stored(StoredResponse stored, String collectionPath, JsonMapper json) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(stored.status()).contentType(MediaType.APPLICATION_JSON);
        if (stored.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        JsonNode body = json.readTree(stored.jsonBody());
        if (body.hasNonNull("id")) {
            response.location(URI.create(collectionPath + "/" + body.get("id").asString()));
        }
        if (body.hasNonNull("version")) {
            response.eTag(new EntityVersion(body.get("version").asLong()).etag());
        }
        return response.body(stored.jsonBody());
    }
}
