package fr.cartesagents.ra.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.r2dbc.spi.ConnectionFactoryOptions;

class SecretsNotPrintedTest {

    private static final String URL_WITH_CREDENTIALS = "r2dbc:postgresql://cartes:s3cr3t-url@db.example:5432/cartes?sslmode=require";

    @Test
    void whenADatabaseEndpointIsPrinted_thenNeitherItsPasswordNorUrlCredentialsAppear() {
        DatabaseEndpoint endpoint = new DatabaseEndpoint(ConnectionFactoryOptions.parse(URL_WITH_CREDENTIALS),
                "jdbc:postgresql://cartes:s3cr3t-url@db.example:5432/cartes?password=s3cr3t-query&ssl=true",
                "cartes", "s3cr3t-jdbc");

        assertThat(endpoint.toString()).doesNotContain("s3cr3t").contains("db.example:5432/cartes", "ssl=true");
    }

    @Test
    void whenExternalSettingsArePrinted_thenNoPasswordAppears() {
        ExternalDatabaseSettings settings = new ExternalDatabaseSettings(URL_WITH_CREDENTIALS, "cartes", "s3cr3t-r2dbc",
                "jdbc:postgresql://db.example/cartes?user=cartes&password=s3cr3t-flyway", "cartes", "s3cr3t-flyway");

        assertThat(settings.toString()).doesNotContain("s3cr3t").contains("db.example:5432/cartes");
    }

    @Test
    void whenTheJdbcUrlIsDerivedFromAnR2dbcUrlWithCredentials_thenItCarriesNoCredentials() {
        String jdbc = ExternalDatabaseSettings.jdbcUrlOf(URL_WITH_CREDENTIALS);

        assertThat(jdbc).isEqualTo("jdbc:postgresql://db.example:5432/cartes");
    }

    @Test
    void whenAnUrlHasNoCredentials_thenRedactionLeavesItAlone() {
        assertThat(RedactedUrl.of("r2dbc:postgresql://db.example:5432/cartes?sslmode=require"))
                .isEqualTo("r2dbc:postgresql://db.example:5432/cartes?sslmode=require");
    }
}
