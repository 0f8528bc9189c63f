package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.Optional;

import reactor.core.publisher.Mono;

/** When a role or delegation ends: the last day it is held (today or later), or at once when absent. */
record EndRequest(LocalDate endsOn) {

    static final EndRequest AT_ONCE = new EndRequest(null);

    /** The optional body of an ending: read only once the caller is authorized; none means at once. */
    static Mono<EndRequest> orAtOnce(Mono<EndRequest> body) {
        return body.defaultIfEmpty(AT_ONCE);
    }

    Optional<LocalDate> requested() {
        return Optional.ofNullable(endsOn);
    }
}
