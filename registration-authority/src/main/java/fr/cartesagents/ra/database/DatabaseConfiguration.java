package fr.cartesagents.ra.database;

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
    ConnectionPool connectionFactory(DatabaseEndpoint endpoint, MigratedSchema schema) {
        ConnectionFactory connections = ConnectionFactories.get(endpoint.r2dbcOptions());
        if (connections instanceof ConnectionPool pool) {
            return pool;
        }
        return new ConnectionPool(ConnectionPoolConfiguration.builder(connections)
                .initialSize(2)
                .maxSize(20)
                .maxIdleTime(Duration.ofMinutes(10))
                .validationQuery("select 1")
                .build());
    }
}
