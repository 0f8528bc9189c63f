package fr.cartesagents.ra.database;

import java.time.Clock;
import java.time.Duration;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import fr.cartesagents.ra.config.CartesDataDirectory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;

/**
 * The database: an external PostgreSQL when {@code spring.r2dbc.url} is set, else the embedded one
 * under the data directory. Flyway migrates it (over JDBC) before the R2DBC pool is handed to anyone,
 * so every bean that touches the database sees the current schema.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.r2dbc.url:}' == ''")
    EmbeddedDatabase embeddedDatabase(CartesDataDirectory dataDirectory) {
        return EmbeddedDatabase.start(dataDirectory.postgres());
    }

    @Bean
    DatabaseEndpoint databaseEndpoint(ObjectProvider<EmbeddedDatabase> embedded, Environment environment) {
        EmbeddedDatabase database = embedded.getIfAvailable();
        if (database != null) {
            ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(database.r2dbcUrl()).mutate()
                    .option(ConnectionFactoryOptions.USER, EmbeddedDatabase.USER).build();
            return new DatabaseEndpoint(options, database.jdbcUrl(), EmbeddedDatabase.USER, null);
        }
        return ExternalDatabaseSettings.from(environment).endpoint();
    }

    @Bean
    MigratedSchema migratedSchema(DatabaseEndpoint endpoint) {
        var result = Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.jdbcUser(), endpoint.jdbcPassword())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new MigratedSchema(result.targetSchemaVersion);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(DatabaseEndpoint endpoint, MigratedSchema schema, DatabaseSettings settings) {
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(connections(endpoint, settings))
                .initialSize(Math.min(2, settings.poolSize()))
                .maxSize(settings.poolSize())
                .maxIdleTime(Duration.ofMinutes(10))
                // Waiting for a free connection, or for a new one to open, never lasts longer than this:
                // a frozen database fills the pool with stuck connections, the next caller fails fast.
                .maxAcquireTime(settings.acquireTimeout())
                .maxCreateConnectionTime(settings.connectTimeout())
                .maxValidationTime(settings.connectTimeout())
                // The channel is checked on acquire, without a round trip; a broken one is replaced.
                .validationDepth(ValidationDepth.LOCAL)
                .build());
        return pool;
    }

    /** What the server says about the database's durability settings, read once at start-up and logged. */
    @Bean
    DatabaseDurability databaseDurability(ConnectionPool connections, DatabaseEndpoint endpoint, DatabaseSettings settings) {
        DatabaseDurability durability = DatabaseDurability.read(connections, settings.connectTimeout().plus(settings.acquireTimeout()));
        durability.log(endpoint);
        return durability;
    }

    @Bean
    DatabaseAvailability databaseAvailability(DatabaseEndpoint endpoint, DatabaseSettings settings, Clock clock,
                                              MigratedSchema schema) {
        return new DatabaseAvailability(connections(endpoint, settings), settings, clock);
    }

    /**
     * Connections without a pool, with the connect and statement timeouts: a pool given in the URL
     * ({@code r2dbc:pool:postgresql://...}) is unwrapped, this configuration builds its own.
     */
    private static ConnectionFactory connections(DatabaseEndpoint endpoint, DatabaseSettings settings) {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder().from(endpoint.r2dbcOptions());
        if (!endpoint.r2dbcOptions().hasOption(ConnectionFactoryOptions.CONNECT_TIMEOUT)) {
            options.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, settings.connectTimeout());
        }
        if (!endpoint.r2dbcOptions().hasOption(ConnectionFactoryOptions.STATEMENT_TIMEOUT)) {
            options.option(ConnectionFactoryOptions.STATEMENT_TIMEOUT, settings.statementTimeout());
        }
        ConnectionFactory connections = ConnectionFactories.get(options.build());
        if (connections instanceof ConnectionPool pool) {
            ConnectionFactory unwrapped = pool.unwrap();
            pool.dispose();
            return unwrapped;
        }
        return connections;
    }
}
