package fr.cartesagents.ra.habilitation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The applications a card gives access to, with the levels each offers. ACTES and HELIOS are
 * open only to active COMEDEC users of the same collectivity (the card programme of the ANTS is
 * the COMEDEC one: its CARTES convention is suspended with COMEDEC's).
 */
public enum Application {
    COMEDEC("COMEDEC", false, null, Level.AGENT, Level.OFFICIER),
    ACTES("ACTES", true, null, Level.UTILISATEUR),
    HELIOS("HÉLIOS (PES V2)", true, null, Level.UTILISATEUR, Level.SIGNATAIRE),
    SAIP("SAIP", false, null, Level.UTILISATEUR),
    TES("TES", false, null, Level.RECUEIL, Level.REMISE),
    PVE("PVE", false, "A05", Level.VERBALISATEUR);

    private final String label;
    private final boolean requiresComedec;
    private final String requiredCardProfile;
    private final List<Level> levels;

    Application(String label, boolean requiresComedec, String requiredCardProfile, Level first, Level... others) {
        this.label = label;
        this.requiresComedec = requiresComedec;
        this.requiredCardProfile = requiredCardProfile;
        this.levels = java.util.stream.Stream.concat(java.util.stream.Stream.of(first), Arrays.stream(others)).toList();
    }

    /** How people name the application (in messages). */
    public String label() {
        return label;
    }

    boolean requiresComedec() {
        return requiresComedec;
    }

    /** The card personalisation the application needs (PVE: IAS-ECC profile A05), if any. */
    public Optional<String> requiredCardProfile() {
        return Optional.ofNullable(requiredCardProfile);
    }

    List<Level> levels() {
        return levels;
    }

    boolean offers(Level level) {
        return levels.contains(level);
    }

    /** Whether a person may hold several levels at once (TES: recueil and remise); otherwise one. */
    boolean levelsCombine() {
        return this == TES;
    }

    /** The value stored in {@code habilitation.application} and used in the API. */
    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Application> fromName(String value) {
        for (Application application : values()) {
            if (application.databaseName().equals(value)) {
                return Optional.of(application);
            }
        }
        return Optional.empty();
    }

    static String names() {
        return Arrays.stream(values()).map(Application::databaseName).collect(Collectors.joining(", "));
    }

    String levelNames() {
        return levels.stream().map(Level::databaseName).collect(Collectors.joining(", "));
    }
}
