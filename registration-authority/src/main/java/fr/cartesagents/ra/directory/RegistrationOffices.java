package fr.cartesagents.ra.directory;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * What the directory needs to know of the registration offices, whose table the {@code collectivity}
 * package owns and which implements this interface (it depends on the directory, not the reverse):
 * whether a registration officer's office exists.
 */
public interface RegistrationOffices {

    /** Whether there is a registration office with this id. */
    Mono<Boolean> exists(UUID office);
}
