package fr.cartesagents.ra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

/** The title page of the OpenAPI description served at {@code /api/v1/openapi.json}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI cartesAgentsOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Cartes Agents API")
                .version("v1")
                .description("Registration authority of the Cartes Agents PKI. The /api paths are served over HTTPS with a"
                        + " TLS client certificate issued by the issuing CA (administrators for /api/v1/admin); POSTs that"
                        + " issue or revoke need an Idempotency-Key header; errors are RFC 9457 problem documents."
                        + " The /pki paths (CA certificates, CRLs, OCSP) are public, over plain HTTP.")
                .license(new License().name("Apache-2.0")));
    }
}
