package fr.cartesagents.ra.security;

import java.util.Objects;
import java.util.UUID;

/** A caller logged in with the demo login: one of the seeded demo users. */
public record DemoPrincipal(UUID personId, String userName) {

    public DemoPrincipal {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(userName, "userName");
    }

    String auditName() {
        return "demo:" + userName + " (person " + personId + ")";
    }
}
