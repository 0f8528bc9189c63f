package fr.cartesagents.ra.testsupport;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole server with its timers shortened to seconds, so that tests can watch them act: listener
 * timeouts and connection limit, audit checkpoints, the idempotency key purge. Every test class that
 * extends it shares one application context (and database) of its own.
 */
@TestPropertySource(properties = {
        "cartes.http.idle-timeout=PT2S", "cartes.http.read-timeout=PT2S", "cartes.http.body-timeout=PT5S", "cartes.http.api-call-timeout=PT5S",
        "cartes.http.max-connections=40",
        "cartes.audit.checkpoint-interval=PT1H", "cartes.audit.checkpoint-every-events=5", "cartes.audit.checkpoint-poll=PT1S",
        "cartes.idempotency.retention=PT1H", "cartes.idempotency.purge-interval=PT1S"})
public abstract class ShortTimersServer extends RunningServer {

    /** What {@code cartes.audit.checkpoint-every-events} is set to here. */
    protected static final int CHECKPOINT_EVERY_EVENTS = 5;
    /** What {@code cartes.http.max-connections} is set to here. */
    protected static final int MAX_CONNECTIONS = 40;
}
