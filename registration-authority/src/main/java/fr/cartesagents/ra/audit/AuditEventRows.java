package fr.cartesagents.ra.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How an audit event is read from a row: the columns every query of events selects, and their mapping. */
final class AuditEventRows {

    static final String COLUMNS = "id, occurred_at, actor, action, target, details, collectivity_id, remote_address,"
            + " chain_position, previous_hash, hash";
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditEventRows() {
    }

    /** An event from a row of {@link #COLUMNS}. */
    static AuditEvent read(Readable row) {
        return new AuditEvent(
                row.get("id", Long.class),
                row.get("occurred_at", OffsetDateTime.class).toInstant(),
                new AuditEntry(row.get("actor", String.class), row.get("action", String.class),
                        row.get("target", String.class), JSON.readValue(row.get("details", Json.class).asString(), DETAILS),
                        Optional.ofNullable(row.get("collectivity_id", UUID.class)),
                        Optional.ofNullable(row.get("remote_address", String.class))),
                row.get("chain_position", Long.class),
                row.get("previous_hash", String.class),
                row.get("hash", String.class));
    }

    /** An event from a JDBC row of {@link #COLUMNS} (the commands that read the database without the server). */
    static AuditEvent read(ResultSet row) throws SQLException {
        return new AuditEvent(row.getLong("id"), row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                new AuditEntry(row.getString("actor"), row.getString("action"), row.getString("target"),
                        JSON.readValue(row.getString("details"), DETAILS),
                        Optional.ofNullable(row.getObject("collectivity_id", UUID.class)),
                        Optional.ofNullable(row.getString("remote_address"))),
                row.getObject("chain_position", Long.class), row.getString("previous_hash"), row.getString("hash"));
    }

    static String json(Map<String, String> details) {
        return JSON.writeValueAsString(details);
    }
}
