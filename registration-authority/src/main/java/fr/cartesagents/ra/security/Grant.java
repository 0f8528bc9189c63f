package fr.cartesagents.ra.security;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One role held by the caller, and where: a collectivity id for mayors, delegates and agents, a
 * registration office id for registration officers, the person's own id for {@link Role#HOLDER},
 * nothing for national administrators and auditors.
 */
public record Grant(Role role, Optional<UUID> scope) {

    public Grant {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
    }

    public static Grant everywhere(Role role) {
        return new Grant(role, Optional.empty());
    }

    public static Grant in(Role role, UUID scope) {
        return new Grant(role, Optional.of(scope));
    }
}
