package fr.cartesagents.ra.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The authenticated caller as the authorization rules see it: who (for the audit trail), which
 * person of the directory if any, and the roles they hold where.
 *
 * @param auditName how the audit trail names the caller (never a secret)
 * @param personId  the directory entry of the caller; empty for an administrator certificate
 *                  that belongs to no person
 * @param grants    every role held, with its scope
 * @param origin    how the identity was established (client certificate, trusted front, demo)
 * @param remoteAddress the address the request came from, for the audit trail
 */
public record Actor(String auditName, Optional<UUID> personId, Set<Grant> grants, String origin,
                    Optional<String> remoteAddress) {

    public Actor {
        Objects.requireNonNull(auditName, "auditName");
        Objects.requireNonNull(personId, "personId");
        grants = Set.copyOf(grants);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    public boolean has(Role role) {
        return grants.stream().anyMatch(grant -> grant.role() == role);
    }

    /** The scopes (collectivity or office ids) in which the caller holds {@code role}. */
    public Set<UUID> scopesOf(Role role) {
        return grants.stream().filter(grant -> grant.role() == role).flatMap(grant -> grant.scope().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether the identity comes from the TLS client certificate of this very connection (a card or
     * an administrator certificate), rather than from a trusted front's forwarding or a bearer token.
     */
    public boolean connectedDirectly() {
        return AuthenticationOrigin.CLIENT_CERTIFICATE.equals(origin) || AuthenticationOrigin.ADMINISTRATOR_CERTIFICATE.equals(origin);
    }

    public boolean isPerson(UUID id) {
        return personId.filter(id::equals).isPresent();
    }
}
