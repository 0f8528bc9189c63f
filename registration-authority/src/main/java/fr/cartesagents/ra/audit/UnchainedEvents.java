package fr.cartesagents.ra.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * The committed events the chainer has not reached yet: how many, and when the oldest of them
 * happened. Normally a fraction of a second of activity; a count that keeps growing means that no
 * instance chains (see docs/operations/audit.md).
 */
public record UnchainedEvents(long count, Optional<Instant> oldestOccurredAt) {
}
