package fr.cartesagents.ra.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The hash chain of the audit trail: each event's hash is SHA-256 over the previous event's hash
 * and the canonical JSON of the event (members in a fixed order, details sorted by key, the time
 * at the microsecond precision PostgreSQL keeps), so that anyone can recompute it from the table.
 */
public final class AuditHash {

    /** The "previous hash" of the first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    private AuditHash() {
    }

    /** The instant as it is stored and hashed. */
    public static Instant storedPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static String chain(String previousHash, Instant occurredAt, AuditEntry entry) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("occurredAt", storedPrecision(occurredAt).toString());
        canonical.put("actor", entry.actor());
        canonical.put("action", entry.action());
        canonical.put("target", entry.target());
        canonical.put("details", entry.details());
        // Added later: absent members keep the hashes of events written before they existed.
        entry.collectivity().ifPresent(collectivity -> canonical.put("collectivity", collectivity.toString()));
        entry.remoteAddress().ifPresent(address -> canonical.put("remoteAddress", address));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(CANONICAL.writeValueAsBytes(canonical));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
