package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.Optional;

/** When a role or delegation ends: the last day it is held (today or later), or at once when absent. */
record EndRequest(LocalDate endsOn) {

    /** What an ending without a body means. */
    static final EndRequest AT_ONCE = new EndRequest(null);

    Optional<LocalDate> requested() {
        return Optional.ofNullable(endsOn);
    }
}
