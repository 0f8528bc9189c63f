package fr.cartesagents.ra.database;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The settings that decide whether a committed issuance or revocation survives a machine crash, as
 * the server found them: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} must
 * all be {@code on}. The embedded database is started so; for an external server this is what its
 * administrator configured, stated in the log at every start (an error when one is off).
 */
public record DatabaseDurability(Map<String, String> settings) {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseDurability.class);
    static final java.util.List<String> REQUIRED_ON = java.util.List.of("fsync", "full_page_writes", "synchronous_commit");

    public DatabaseDurability {
        settings = Map.copyOf(settings);
    }

    /** True when every setting that protects committed data is on. */
    public boolean durable() {
        return REQUIRED_ON.stream().allMatch(name -> "on".equals(settings.get(name)));
    }

    static DatabaseDurability read(ConnectionFactory connections, Duration timeout) {
        Map<String, String> found = Mono.usingWhen(Mono.from(connections.create()), DatabaseDurability::query, Connection::close)
                .block(timeout);
        return new DatabaseDurability(found == null ? Map.of() : found);
    }

    private static Mono<Map<String, String>> query(Connection connection) {
        return Flux.from(connection.createStatement("select name, setting from pg_settings where name in"
                        + " ('fsync', 'full_page_writes', 'synchronous_commit')").execute())
                .flatMap(result -> result.map((row, metadata) -> Map.entry(row.get("name", String.class), row.get("setting", String.class))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
    }

    void log(DatabaseEndpoint endpoint) {
        if (durable()) {
            LOG.info("PostgreSQL at {} is durable: {}", RedactedUrl.of(endpoint.jdbcUrl()), settings);
        } else {
            LOG.error("PostgreSQL at {} can lose committed issuances and revocations on a crash: {} (fsync, full_page_writes"
                    + " and synchronous_commit must all be on)", RedactedUrl.of(endpoint.jdbcUrl()), new TreeMap<>(settings));
        }
    }
}
