package fr.cartesagents.ra.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The audit trail read over plain JDBC, for a command that checks the database without the server
 * ({@code audit-verify}): only reads, never chains.
 */
public final class JdbcAuditTrail {

    private JdbcAuditTrail() {
    }

    /**
     * Hands the chained events to {@code visitor} in chain order until it answers false, streamed with a
     * cursor (1,000 rows at a time) when the connection does not auto-commit.
     */
    public static void chainedEvents(Connection database, Predicate<AuditEvent> visitor) throws SQLException {
        try (PreparedStatement query = database.prepareStatement("select " + AuditEventRows.COLUMNS
                + " from audit_event where chain_position is not null order by chain_position")) {
            query.setFetchSize(1000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (!visitor.test(AuditEventRows.read(rows))) {
                        return;
                    }
                }
            }
        }
    }

    /** The events committed but not chained yet: how many, and when the oldest happened. */
    public static UnchainedEvents unchained(Connection database) throws SQLException {
        try (PreparedStatement query = database.prepareStatement(
                "select count(*) as waiting, min(occurred_at) as oldest from audit_event where chain_position is null");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            OffsetDateTime oldest = rows.getObject("oldest", OffsetDateTime.class);
            return new UnchainedEvents(rows.getLong("waiting"), Optional.ofNullable(oldest).map(OffsetDateTime::toInstant));
        }
    }
}
