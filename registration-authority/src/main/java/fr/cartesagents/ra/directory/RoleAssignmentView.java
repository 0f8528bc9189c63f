package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A role held by a person: mayor or delegate of a collectivity, registration officer of an office,
 * national administrator or auditor. {@code endsOn} is the last day it is held.
 *
 * @param version the ETag value to send back in If-Match to end it
 */
import fr.cartesagents.ra.web.Versioned;

record RoleAssignmentView(UUID id, UUID personId, String role, UUID collectivityId, UUID registrationOfficeId,
                          String birthName, String usualName, String givenNames, LocalDate startsOn, LocalDate endsOn,
                          long version) implements Versioned, DirectoryCalendar.Dated {
}
