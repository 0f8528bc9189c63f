package fr.cartesagents.ra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * The registration authority server. The database (embedded or external) and its Flyway migration
 * are set up by {@code fr.cartesagents.ra.database}, not by Spring Boot's JDBC auto-configuration:
 * the application itself speaks R2DBC only.
 */
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@ConfigurationPropertiesScan
public class RegistrationAuthorityApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistrationAuthorityApplication.class, args);
    }
}
