package fr.cartesagents.ra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.checkpoint.AuditSigner;
import fr.cartesagents.ra.audit.checkpoint.AuditVerifyCommand;
import fr.cartesagents.ra.audit.checkpoint.CheckpointStatement;
import fr.cartesagents.ra.database.DatabaseAvailability;
import fr.cartesagents.ra.database.DatabaseEndpoint;
import fr.cartesagents.ra.testsupport.RunningServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import picocli.CommandLine;

/**
 * A trail written before the chain was built after commit (schema V100: each event hashed under a
 * lock, in id order, ids with gaps, a signed checkpoint) migrates to the chained-after-commit schema
 * (V110) without a break: positions follow the ids, the head is the last event, the checkpoint knows
 * its event's position, {@code audit-verify} finds it intact, and the next event chains on.
 */
class AuditChainMigrationTest extends RunningServer {

    @Autowired
    DatabaseEndpoint endpoint;

    @Autowired
    AuditSigner signer;

    @Autowired
    DatabaseAvailability availability;

    @Autowired
    Clock clock;

    @Test
    void whenATrailChainedUnderTheOldLockIsMigrated_thenItVerifiesAndTheNextEventChainsOnIt() throws Exception {
        String name = "audit_migration_" + System.nanoTime();
        try (Connection admin = connect(endpoint.jdbcUrl()); Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        }
        String jdbcUrl = endpoint.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        Flyway.configure().dataSource(jdbcUrl, endpoint.jdbcUser(), endpoint.jdbcPassword()).locations("classpath:db/migration")
                .target("100").load().migrate();

        List<String> hashes = new ArrayList<>();
        long[] ids = {1, 2, 5, 9}; // rolled back transactions left gaps in the sequence
        try (Connection old = connect(jdbcUrl)) {
            String previous = AuditHash.GENESIS;
            for (long id : ids) {
                Instant at = AuditHash.storedPrecision(Instant.parse("2026-01-01T10:00:00.123456Z").plusSeconds(id));
                AuditEntry entry = new AuditEntry("test", "test.before-v110", "migration:" + id, Map.of("n", Long.toString(id)));
                String hash = AuditHash.chain(previous, at, entry);
                try (PreparedStatement insert = old.prepareStatement("insert into audit_event (id, occurred_at, actor, action, target,"
                        + " details, previous_hash, hash) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                    insert.setLong(1, id);
                    insert.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    insert.setString(3, entry.actor());
                    insert.setString(4, entry.action());
                    insert.setString(5, entry.target());
                    insert.setString(6, "{\"n\": \"" + id + "\"}");
                    insert.setString(7, previous);
                    insert.setString(8, hash);
                    insert.executeUpdate();
                }
                hashes.add(hash);
                previous = hash;
            }
            try (Statement statement = old.createStatement()) {
                statement.execute("select setval('audit_event_id_seq', 9)");
            }
            CheckpointStatement sealed = new CheckpointStatement(5, hashes.get(2), AuditHash.storedPrecision(clock.instant()));
            try (PreparedStatement insert = old.prepareStatement("insert into audit_checkpoint (last_event_id, last_event_hash, signed_at,"
                    + " signature) values (?, ?, ?, ?)")) {
                insert.setLong(1, sealed.lastEventId());
                insert.setString(2, sealed.lastEventHash());
                insert.setObject(3, OffsetDateTime.ofInstant(sealed.signedAt(), ZoneOffset.UTC));
                insert.setBytes(4, signer.sign(sealed.canonical()));
                insert.executeUpdate();
            }
        }

        Flyway.configure().dataSource(jdbcUrl, endpoint.jdbcUser(), endpoint.jdbcPassword()).locations("classpath:db/migration")
                .load().migrate();

        try (Connection migrated = connect(jdbcUrl)) {
            assertThat(strings(migrated, "select id || ':' || chain_position from audit_event order by id"))
                    .containsExactly("1:1", "2:2", "5:3", "9:4");
            assertThat(strings(migrated, "select position || ':' || event_id || ':' || hash from audit_chain_head"))
                    .containsExactly("4:9:" + hashes.get(3));
            assertThat(strings(migrated, "select last_chain_position::text from audit_checkpoint")).containsExactly("3");
        }
        assertThat(verify(jdbcUrl)).startsWith("INTACT: 4 events and 1 signed checkpoints");

        ConnectionFactory connections = ConnectionFactories.get(ConnectionFactoryOptions.builder().from(endpoint.r2dbcOptions())
                .option(ConnectionFactoryOptions.DATABASE, name).build());
        DatabaseClient client = DatabaseClient.create(connections);
        TransactionalOperator transactions = TransactionalOperator.create(new R2dbcTransactionManager(connections));
        AuditTrail trail = new AuditTrail(client, clock, new StaticListableBeanFactory().getBeanProvider(AuditChainer.class));
        AuditChainer chainer = new AuditChainer(client, transactions, availability, new AuditChainProperties(Duration.ofHours(1), 500));
        AuditEvent next = transactions.transactional(trail.append(new AuditEntry("test", "test.after-v110", "migration:next", Map.of())))
                .block();
        assertThat(verify(jdbcUrl)).contains("1 events not chained yet");

        assertThat(chainer.chainNow().block()).isEqualTo(1);

        AuditEvent chained = trail.chainedEvents().last().block();
        assertThat(chained.id()).isEqualTo(next.id());
        assertThat(chained.chainPosition()).isEqualTo(5);
        assertThat(chained.previousHash()).isEqualTo(hashes.get(3));
        assertThat(trail.firstBrokenLink().block()).isEmpty();
        assertThat(verify(jdbcUrl)).startsWith("INTACT: 5 events and 1 signed checkpoints").doesNotContain("not chained");
    }

    private String verify(String jdbcUrl) {
        StringWriter out = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of("--jdbc-url", jdbcUrl,
                "--ca-certificate", dataDirectory().resolve("pki").resolve("act.pem").toString()));
        if (endpoint.jdbcUser() != null) {
            arguments.addAll(List.of("--user", endpoint.jdbcUser()));
        }
        int exitCode = new CommandLine(new AuditVerifyCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute(arguments.toArray(String[]::new));
        assertThat(exitCode).as(out.toString()).isZero();
        return out.toString();
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        if (endpoint.jdbcUser() != null) {
            properties.setProperty("user", endpoint.jdbcUser());
        }
        if (endpoint.jdbcPassword() != null) {
            properties.setProperty("password", endpoint.jdbcPassword());
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
