package fr.cartesagents.ra.directory;

import java.util.List;
import java.util.UUID;

/** One row of a directory search: a person as an agent of one collectivity. */
record PersonSummary(UUID id, String holderId, String birthName, String usualName, String givenNames, String email,
                     String status, UUID collectivityId, String collectivityName, String inseeCode, String service,
                     String jobTitle, List<String> roles) {

    PersonSummary {
        roles = List.copyOf(roles);
    }
}
