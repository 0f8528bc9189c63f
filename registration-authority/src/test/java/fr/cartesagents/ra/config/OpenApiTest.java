package fr.cartesagents.ra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.RunningServer;

class OpenApiTest extends RunningServer {

    @Test
    void whenTheOpenApiDescriptionIsAskedOverHttps_thenItDescribesTheAdminApiWithoutNeedingACertificate() {
        HttpResponse<byte[]> response = get(anonymousClient(), api("/api/v1/openapi.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("\"openapi\"").contains("/api/v1/admin/certificates")
                .contains("/api/v1/admin/certificates/{serial}/revocation").contains("Cartes Agents API");
    }
}
