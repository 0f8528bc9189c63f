package fr.cartesagents.ra.config;

import java.util.List;

/** The production start-up stopped before anything started: these properties are missing. */
public class MissingSettingsException extends IllegalStateException {

    private final List<String> missing;

    public MissingSettingsException(List<String> missing) {
        super("The production profile does not create keys nor an embedded database: configure " + String.join(", ", missing)
                + " (see application-production.yml)");
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
