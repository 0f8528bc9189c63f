package fr.cartesagents.ra.convention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the 3 months' notice of terminated conventions: every {@code cartes.conventions.termination-check}
 * (10 minutes by default) and shortly after start-up, the conventions whose termination date has
 * come (Europe/Paris) become {@code terminated}. Every instance of a cluster runs it; the update
 * itself decides which instance moves each convention, so none is moved (or audited) twice.
 */
@Component
class TerminationSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSchedule.class);

    private final ConventionService conventions;

    TerminationSchedule(ConventionService conventions) {
        this.conventions = conventions;
    }

    @Scheduled(initialDelayString = "${cartes.conventions.termination-first-check:PT1M}",
            fixedDelayString = "${cartes.conventions.termination-check:PT10M}")
    void terminateDue() {
        Long ended = conventions.terminateDue(conventions.today()).block();
        if (ended != null && ended > 0) {
            LOG.info("{} convention(s) reached the end of their notice and are terminated", ended);
        }
    }
}
