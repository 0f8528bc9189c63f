package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Mono;

/**
 * Start-up seeding of the directory (the demo's people and their roles), implemented by this
 * package's repository: a person or a role is created when it is missing and otherwise left as it
 * is, so a seeding that runs at every start changes nothing the second time. No rule of the
 * directory's services is asked and no audit event recorded: the seeding records its own.
 */
public interface DirectorySeeding {

    /** The person with this holder id, created with these names and address when there is none. */
    Mono<UUID> person(String holderId, String birthName, String givenNames, String email);

    /**
     * Gives the person the role from {@code startsOn}, in the collectivity or office that scopes it, unless they hold
     * it with no end already (or the unique indexes refuse it: a collectivity that has another mayor); 1 when given, else 0.
     */
    Mono<Long> roleUnlessHeld(UUID personId, Role role, Optional<UUID> collectivityId, Optional<UUID> officeId,
                              Optional<String> service, Optional<String> jobTitle, LocalDate startsOn);
}
