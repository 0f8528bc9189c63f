package fr.cartesagents.ra.habilitation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** One row of {@code habilitation}: a right granted to a person for a collectivity, with its history. */
record Habilitation(UUID id, UUID personId, UUID collectivityId, Application application, Level level,
                    HabilitationStatus status, Optional<UUID> dependsOn,
                    Instant grantedAt, String grantedBy, Optional<UUID> grantedByPerson,
                    Optional<Instant> withdrawnAt, Optional<String> withdrawnBy, Optional<UUID> withdrawnByPerson,
                    Optional<String> withdrawalReason, long version) {

    Habilitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(collectivityId, "collectivityId");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dependsOn, "dependsOn");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(grantedBy, "grantedBy");
    }
}
