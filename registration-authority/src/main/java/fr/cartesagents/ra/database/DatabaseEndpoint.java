package fr.cartesagents.ra.database;

import java.util.Objects;

import io.r2dbc.spi.ConnectionFactoryOptions;

/**
 * Where the database is, for both drivers: R2DBC for the application, JDBC for Flyway's migrations.
 * Neither the password nor credentials written in the URL are part of {@link #toString()}.
 */
public record DatabaseEndpoint(ConnectionFactoryOptions r2dbcOptions, String jdbcUrl, String jdbcUser, String jdbcPassword) {

    public DatabaseEndpoint {
        Objects.requireNonNull(r2dbcOptions, "r2dbcOptions");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[jdbcUrl=" + RedactedUrl.of(jdbcUrl) + ", jdbcUser=" + jdbcUser
                + ", jdbcPassword=" + (jdbcPassword == null ? "none" : "****") + "]";
    }
}
