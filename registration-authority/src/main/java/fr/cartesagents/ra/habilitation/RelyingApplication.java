package fr.cartesagents.ra.habilitation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;

/** A row of {@code relying_application}: who may ask habilitation checks, about which applications. */
public record RelyingApplication(UUID id, String name, String fingerprintSha256, List<String> applications,
                                 String status, Instant registeredAt, String registeredBy, long version) implements Versioned {

    public RelyingApplication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
        applications = List.copyOf(applications);
        Objects.requireNonNull(status, "status");
    }

    boolean mayAskAbout(Application application) {
        return RelyingApplicationStatus.ENABLED.databaseName().equals(status) && applications.contains(application.databaseName());
    }
}
