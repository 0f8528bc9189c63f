package fr.cartesagents.ra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void whenTheOpenApiDescriptionIsAskedOverHttps_thenItDescribesTheAdminApiWithoutNeedingACertificate() {
        HttpResponse<byte[]> response = get(anonymousClient(), api("/api/v1/openapi.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("\"openapi\"").contains("/api/v1/admin/certificates")
                .contains("/api/v1/admin/certificates/{serial}/revocation").contains("Cartes Agents API");
    }

    @Test
    void theWebKitsParametersAreDescribedAsTheirHeaderAndBody_andTheCallerIsNoQueryParameter() {
        JsonNode paths = JSON.readTree(text(get(anonymousClient(), api("/api/v1/openapi.json")))).get("paths");

        JsonNode update = paths.get("/api/v1/registration-offices/{id}").get("put");
        assertThat(names(update.get("parameters"))).containsExactly("path id", "header If-Match");
        assertThat(update.at("/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/OfficeUpdate");

        JsonNode create = paths.get("/api/v1/collectivities/{id}/findings").get("post");
        assertThat(names(create.get("parameters"))).containsExactly("path id", "header Idempotency-Key");
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/NewFinding");

        JsonNode move = paths.get("/api/v1/admin/relying-applications/{id}/disable").get("post");
        assertThat(names(move.get("parameters"))).containsExactly("path id", "header If-Match");
        assertThat(move.has("requestBody")).isFalse();

        List<String> actorParameters = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (names(operation.getValue().get("parameters")).contains("query actor")) {
                actorParameters.add(operation.getKey() + " " + path.getKey());
            }
        }));
        assertThat(actorParameters).as("the caller comes from the TLS session").isEmpty();
    }

    private static List<String> names(JsonNode parameters) {
        List<String> names = new ArrayList<>();
        if (parameters != null) {
            parameters.forEach(parameter -> names.add(parameter.get("in").asString() + " " + parameter.get("name").asString()));
        }
        return names;
    }
}
