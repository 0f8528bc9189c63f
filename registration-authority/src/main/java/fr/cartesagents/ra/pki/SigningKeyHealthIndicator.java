package fr.cartesagents.ra.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cartesagents.ca.authority.CaSigner;

/**
 * Health component {@code hsm}: whether the token holding the issuing CA's key (the HSM in production)
 * still finds that key, checked every 10 s off the request path, at most 5 s each (a hung HSM must not
 * hang the readiness probe). Part of the readiness group: an instance that cannot sign is taken out of
 * the API's load balancer. State changes are logged once.
 */
@Component("hsm")
class SigningKeyHealthIndicator implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyHealthIndicator.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final CaSigner issuing;
    private final Clock clock;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hsm-health");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Health> last = new AtomicReference<>();

    SigningKeyHealthIndicator(OperationalPki pki, Clock clock) {
        this.issuing = pki.issuing();
        this.clock = clock;
        check();
    }

    @Override
    public Health health() {
        return last.get();
    }

    @Scheduled(initialDelay = 10, fixedDelay = 10, timeUnit = TimeUnit.SECONDS)
    void check() {
        Instant checkedAt = clock.instant();
        Health health;
        try {
            boolean found = CompletableFuture.supplyAsync(() -> issuing.token().publicKey(issuing.keyAlias()).isPresent(), checks)
                    .get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            health = (found ? Health.up() : Health.down().withDetail("cause", "the issuing CA key is not on the token"))
                    .withDetail("checkedAt", checkedAt.toString()).build();
        } catch (java.util.concurrent.TimeoutException e) {
            health = Health.down().withDetail("cause", "the token did not answer within " + CHECK_TIMEOUT.toSeconds() + " s")
                    .withDetail("checkedAt", checkedAt.toString()).build();
        } catch (java.util.concurrent.ExecutionException e) {
            health = Health.down().withDetail("cause", e.getCause().getClass().getSimpleName())
                    .withDetail("checkedAt", checkedAt.toString()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Health previous = last.getAndSet(health);
        if (previous != null && !previous.getStatus().equals(health.getStatus())) {
            LOG.warn("Issuing CA key on its token: {} ({})", health.getStatus(), health.getDetails().getOrDefault("cause", "found"));
        }
    }
}
