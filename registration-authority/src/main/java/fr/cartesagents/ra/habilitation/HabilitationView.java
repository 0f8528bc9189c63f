package fr.cartesagents.ra.habilitation;

import java.time.Instant;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;

/** A habilitation as the API shows it (JSON); {@code version} is also its ETag. */
public record HabilitationView(UUID id, UUID personId, UUID collectivityId, String application, String level, String status,
                               UUID dependsOn, Instant grantedAt, String grantedBy, UUID grantedByPerson,
                               Instant withdrawnAt, String withdrawnBy, UUID withdrawnByPerson, String withdrawalReason,
                               long version) implements Versioned {

    static HabilitationView of(Habilitation h) {
        return new HabilitationView(h.id(), h.personId(), h.collectivityId(), h.application().databaseName(),
                h.level().databaseName(), h.status().databaseName(), h.dependsOn().orElse(null), h.grantedAt(), h.grantedBy(),
                h.grantedByPerson().orElse(null), h.withdrawnAt().orElse(null), h.withdrawnBy().orElse(null),
                h.withdrawnByPerson().orElse(null), h.withdrawalReason().orElse(null), h.version());
    }
}
