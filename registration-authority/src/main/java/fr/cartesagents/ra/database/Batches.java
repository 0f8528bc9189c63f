package fr.cartesagents.ra.database;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;

import reactor.core.publisher.Mono;

/**
 * A scheduled job that works through a backlog in batches, each batch its own transaction (so that a
 * backlog never holds thousands of row locks at once, and what is done stays done if a later batch fails).
 */
public final class Batches {

    private Batches() {
    }

    /**
     * Runs {@code batch} (which answers how many rows it handled, at most {@code size}) again and again
     * until one handles fewer than {@code size}; the rows handled in all.
     */
    public static Mono<Long> untilShort(int size, Supplier<Mono<Long>> batch) {
        return Mono.defer(batch).expand(handled -> handled < size ? Mono.empty() : Mono.defer(batch)).reduce(0L, Long::sum);
    }

    /**
     * One scheduled turn of such a job through {@link DatabaseAvailability#runScheduled}: runs {@code all}
     * (five minutes at most) and logs {@code doneMessage} (its {@code {}} the count) when it did anything.
     */
    public static void runScheduled(DatabaseAvailability availability, Logger log, String job, Supplier<Mono<Long>> all,
                                    String doneMessage) {
        availability.runScheduled(log, job, () -> {
            Long handled = all.get().block(Duration.ofMinutes(5));
            if (handled != null && handled > 0) {
                log.info(doneMessage, handled);
            }
        });
    }
}
