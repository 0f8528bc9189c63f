package fr.cartesagents.ra.security;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The caller as {@code GET /api/v1/me} shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CurrentActorView(String name, String personId, List<RoleView> roles, String authenticatedBy) {

    /** One role and its scope: a collectivity id, a registration office id, or the person's own id for "holder". */
    record RoleView(String role, String scope) {
    }
}
