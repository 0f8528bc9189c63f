package fr.cartesagents.ra.database;

import org.springframework.core.env.Environment;

import io.r2dbc.spi.ConnectionFactoryOptions;

/**
 * An external PostgreSQL, configured the Spring Boot way: {@code spring.r2dbc.url},
 * {@code spring.r2dbc.username}, {@code spring.r2dbc.password}; Flyway uses {@code spring.flyway.url},
 * {@code spring.flyway.user}, {@code spring.flyway.password} when set, else the same server and
 * credentials over JDBC.
 */
record ExternalDatabaseSettings(String r2dbcUrl, String username, String password,
                                String flywayUrl, String flywayUser, String flywayPassword) {

    static ExternalDatabaseSettings from(Environment environment) {
        String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
        if (r2dbcUrl == null || r2dbcUrl.isBlank()) {
            throw new IllegalStateException("spring.r2dbc.url is not set");
        }
        String username = environment.getProperty("spring.r2dbc.username");
        String password = environment.getProperty("spring.r2dbc.password");
        // Credentials written in the R2DBC URL (user:password@host) serve Flyway too: its JDBC URL drops them.
        ConnectionFactoryOptions inUrl = ConnectionFactoryOptions.parse(r2dbcUrl);
        String flywayFallbackUser = username != null ? username : asString(inUrl.getValue(ConnectionFactoryOptions.USER));
        String flywayFallbackPassword = password != null ? password : asString(inUrl.getValue(ConnectionFactoryOptions.PASSWORD));
        return new ExternalDatabaseSettings(r2dbcUrl, username, password,
                environment.getProperty("spring.flyway.url", jdbcUrlOf(r2dbcUrl)),
                environment.getProperty("spring.flyway.user", flywayFallbackUser == null ? "" : flywayFallbackUser),
                environment.getProperty("spring.flyway.password", flywayFallbackPassword == null ? "" : flywayFallbackPassword));
    }

    private static String asString(Object value) {
        return value == null ? null : value.toString();
    }

    DatabaseEndpoint endpoint() {
        var options = ConnectionFactoryOptions.parse(r2dbcUrl).mutate();
        if (username != null) {
            options.option(ConnectionFactoryOptions.USER, username);
        }
        if (password != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, password);
        }
        return new DatabaseEndpoint(options.build(), flywayUrl, emptyToNull(flywayUser), emptyToNull(flywayPassword));
    }

    /** {@code r2dbc:[pool:]postgresql://host:port/db?...} to {@code jdbc:postgresql://host:port/db}. */
    static String jdbcUrlOf(String r2dbcUrl) {
        String withoutQuery = r2dbcUrl.contains("?") ? r2dbcUrl.substring(0, r2dbcUrl.indexOf('?')) : r2dbcUrl;
        int scheme = withoutQuery.indexOf("postgresql://");
        if (!withoutQuery.startsWith("r2dbc:") || scheme < 0) {
            throw new IllegalStateException("spring.r2dbc.url must be a PostgreSQL R2DBC URL (r2dbc:postgresql://host:port/database);"
                    + " set spring.flyway.url for anything else");
        }
        return "jdbc:" + RedactedUrl.withoutUserInfo(withoutQuery.substring(scheme));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return "ExternalDatabaseSettings[r2dbcUrl=" + RedactedUrl.of(r2dbcUrl) + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", flywayUrl=" + RedactedUrl.of(flywayUrl)
                + ", flywayUser=" + flywayUser + ", flywayPassword=" + (flywayPassword == null || flywayPassword.isEmpty() ? "none" : "****") + "]";
    }
}
