package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A delegation of the mayor to a person of the collectivity, with its dates (the end date is the
 * last day it is held) and the arrêté's reference.
 *
 * @param decidedBy the mayor in office when it was recorded
 * @param version   the ETag value to send back in If-Match to end it
 */
import fr.cartesagents.ra.web.Versioned;

record DelegationView(UUID id, UUID personId, UUID collectivityId, String kind, LocalDate startsOn, LocalDate endsOn,
                      UUID decidedBy, String reference, long version) implements Versioned, DirectoryCalendar.Dated {
}
