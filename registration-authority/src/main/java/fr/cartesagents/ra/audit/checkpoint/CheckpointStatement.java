package fr.cartesagents.ra.audit.checkpoint;

import fr.cartesagents.ra.audit.AuditHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a checkpoint signs: "the chain up to event {@code lastEventId} ended with {@code lastEventHash},
 * as of {@code signedAt}", as canonical JSON (members in this order, no spaces).
 */
public record CheckpointStatement(long lastEventId, String lastEventHash, Instant signedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public byte[] canonical() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", "cartes-agents-audit-checkpoint");
        members.put("lastEventId", lastEventId);
        members.put("lastEventHash", lastEventHash);
        members.put("signedAt", AuditHash.storedPrecision(signedAt).toString());
        return JSON.writeValueAsString(members).getBytes(StandardCharsets.UTF_8);
    }
}
