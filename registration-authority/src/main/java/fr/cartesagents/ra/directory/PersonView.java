package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A person of the directory and their memberships (the collectivities they are an agent of),
 * limited to what the reader may see.
 *
 * @param holderId the serialNumber of the person's certificates
 * @param status   {@code active} or {@code departed}
 */
record PersonView(UUID id, String holderId, String birthName, String usualName, String givenNames,
                  LocalDate birthDate, String birthPlace, String email, String status, OffsetDateTime departedAt,
                  List<MembershipView> memberships, @JsonIgnore long version) implements Versioned {

    PersonView {
        memberships = List.copyOf(memberships);
    }

    PersonView withMemberships(List<MembershipView> visible) {
        return new PersonView(id, holderId, birthName, usualName, givenNames, birthDate, birthPlace, email, status,
                departedAt, visible, version);
    }

    /**
     * @param since       first day as an agent of the collectivity
     * @param until       last day, once they left
     * @param roles       roles held today there besides agent: {@code mayor}, {@code delegate}
     * @param delegations delegations held today there, e.g. {@code officier_etat_civil}
     */
    record MembershipView(UUID collectivityId, String collectivityName, String service, String jobTitle,
                          LocalDate since, LocalDate until, List<String> roles, List<String> delegations) {

        MembershipView {
            roles = List.copyOf(roles);
            delegations = List.copyOf(delegations);
        }
    }
}
