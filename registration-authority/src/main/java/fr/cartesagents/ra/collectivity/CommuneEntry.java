package fr.cartesagents.ra.collectivity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of {@code communes.json} of {@code @etalab/decoupage-administratif}: only what the
 * import keeps. {@code type} tells current communes ({@code commune-actuelle}) from former ones
 * (associated, delegated) and Paris/Lyon/Marseille districts, which are not collectivities.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommuneEntry(String code, String nom, String departement, String type, String siren) {

    public static final String CURRENT = "commune-actuelle";

    public boolean current() {
        return CURRENT.equals(type);
    }
}
