package fr.cartesagents.ra.habilitation;

import java.time.Instant;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;

/**
 * A habilitation a manager asked for themselves, waiting for another manager's decision (JSON);
 * {@code version} is also its ETag, {@code habilitationId} the habilitation its approval granted.
 */
public record HabilitationRequestView(UUID id, UUID personId, UUID collectivityId, String application, String level,
                                      String status, Instant requestedAt, String requestedBy, Instant decidedAt,
                                      String decidedBy, UUID decidedByPerson, UUID habilitationId, long version)
        implements Versioned {

    /** Whether the request is still waiting for a decision. */
    boolean pending() {
        return HabilitationRequestStatus.PENDING.databaseName().equals(status);
    }
}
