package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How other features read the people of the directory and their roles (the {@code person} and
 * {@code role_assignment} tables belong to this package): a person's record, the holders a
 * revocation without the card names, the roles held in a collectivity, the card managers'
 * addresses. Reads join the caller's transaction when there is one.
 */
public interface PersonQueries {

    /** Empty when there is no such person. */
    Mono<PersonRecord> record(UUID personId);

    /**
     * The person's status ({@code active}, {@code departed}), the row locked {@code for share} until
     * the caller's transaction ends, so that a concurrent departure waits for it; empty when unknown.
     */
    Mono<String> statusLockedForShare(UUID personId);

    /** The active people with this holder id (one at most). */
    Flux<PersonRecord> activeByHolderId(String holderId);

    /** The active people registered with this e-mail address, compared in lower case (a shared address names several). */
    Flux<PersonRecord> activeByEmail(String email);

    /** The roles ({@code agent}, {@code mayor}, {@code delegate}) the person holds in the collectivity on {@code day}. */
    Flux<String> rolesIn(UUID personId, UUID collectivityId, LocalDate day);

    /**
     * The roles ({@code agent}, {@code mayor}, {@code delegate}) the person holds in the collectivity on {@code day}, their
     * rows locked {@code for share} until the caller's transaction ends, so that ending one of them waits for it.
     */
    Flux<String> rolesInLockedForShare(UUID personId, UUID collectivityId, LocalDate day);

    /** Whether the person holds a delegation of this kind ({@code officier_etat_civil}...) in the collectivity on {@code day}. */
    Mono<Boolean> holdsDelegation(UUID personId, UUID collectivityId, String kind, LocalDate day);

    /**
     * The person with this holder id (active or departed) and the collectivities where they hold a role
     * ({@code agent}, {@code mayor}, {@code delegate}) on {@code day}, with their delegations there that day: what a
     * habilitation check asks of the directory, in one statement. Empty when nobody has this holder id.
     */
    Mono<HolderMemberships> holderMemberships(String holderId, LocalDate day);

    /** The registered addresses of the active mayor and delegates of the collectivity on {@code day} (its card managers). */
    Flux<String> cardManagerEmails(UUID collectivityId, LocalDate day);

    /** A person as the directory records them (no birth date or place: other features have no use for them). */
    record PersonRecord(UUID id, String holderId, String givenNames, String birthName, Optional<String> usualName,
                        Optional<String> email, String status) {

        public PersonRecord {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(holderId, "holderId");
            Objects.requireNonNull(givenNames, "givenNames");
            Objects.requireNonNull(birthName, "birthName");
            Objects.requireNonNull(usualName, "usualName");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(status, "status");
        }

        /** As a French letter names them: "Élise LEFÈVRE" (given names as written, the usual or else birth name in capitals). */
        public String displayName() {
            return givenNames + " " + usualName.orElse(birthName).toUpperCase(Locale.FRENCH);
        }
    }

    /** A holder of the directory and where they belong on a given day. */
    record HolderMemberships(UUID personId, boolean active, List<Membership> memberships) {

        public HolderMemberships {
            Objects.requireNonNull(personId, "personId");
            memberships = List.copyOf(memberships);
        }
    }

    /**
     * A collectivity where the person holds a role on the day, whether they are its mayor, and the
     * kinds of the delegations they hold there ({@code officier_etat_civil}, {@code ordonnateur}...).
     */
    record Membership(UUID collectivityId, boolean mayor, List<String> delegations) {

        public Membership {
            Objects.requireNonNull(collectivityId, "collectivityId");
            delegations = List.copyOf(delegations);
        }
    }
}
