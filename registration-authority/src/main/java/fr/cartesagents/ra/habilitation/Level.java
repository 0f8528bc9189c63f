package fr.cartesagents.ra.habilitation;

import java.util.Locale;
import java.util.Optional;

/**
 * The level at which an application is used. Some levels need a delegation of the mayor on top of
 * the habilitation: signing COMEDEC answers and requests needs an officer of civil status
 * (officier), signing HELIOS (PES V2) needs the ordonnateur, PVE needs a municipal police officer.
 */
public enum Level {
    AGENT(null),
    OFFICIER(Delegation.OFFICIER_ETAT_CIVIL),
    UTILISATEUR(null),
    SIGNATAIRE(Delegation.ORDONNATEUR),
    RECUEIL(null),
    REMISE(null),
    VERBALISATEUR(Delegation.POLICE_MUNICIPALE);

    private final Delegation requiredDelegation;

    Level(Delegation requiredDelegation) {
        this.requiredDelegation = requiredDelegation;
    }

    /**
     * What the level amounts to while its delegation has lapsed: an officer without a current
     * delegation still handles requests as an agent but signs nothing; a signatory still transmits;
     * a police level without the police delegation is nothing.
     */
    Optional<Level> withoutDelegation() {
        return switch (this) {
            case OFFICIER -> Optional.of(AGENT);
            case SIGNATAIRE -> Optional.of(UTILISATEUR);
            case VERBALISATEUR -> Optional.empty();
            default -> Optional.of(this);
        };
    }

    Optional<Delegation> requiredDelegation() {
        return Optional.ofNullable(requiredDelegation);
    }

    /** The value stored in {@code habilitation.level} and used in the API. */
    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Level> fromName(String value) {
        for (Level level : values()) {
            if (level.databaseName().equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
