package fr.cartesagents.ca.ceremony;

import fr.cartesagents.ca.profile.PkiSettings;
import picocli.CommandLine.Option;

/** Which certificate policies the hierarchy declares: this project's arc, or the ANTS one. */
public final class PolicyOptions {

    @Option(names = "--ants-compatible",
            description = "Use the ANTS policy identifiers (1.2.250.1.200...) instead of this project's arc; "
                    + "see docs/certificate-profiles.md. Use it for every step of one hierarchy or for none.")
    boolean antsCompatible;

    PkiSettings settings() {
        return antsCompatible ? PkiSettings.antsCompatible() : PkiSettings.defaults();
    }
}
