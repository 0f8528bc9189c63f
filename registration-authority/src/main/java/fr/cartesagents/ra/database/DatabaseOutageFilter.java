package fr.cartesagents.ra.database;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import fr.cartesagents.ra.problem.Problem;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemMessages;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.problem.ProblemWriter;
import reactor.core.publisher.Mono;

/**
 * API calls during a database outage: refused at once with {@code 503} and {@code Retry-After} while the
 * {@link DatabaseAvailability} probe finds the database unreachable; a call that was already running
 * when it froze, or that meets a closed connection or a pool timeout, gets the same answer, at the
 * latest after {@code cartes.http.api-call-timeout} (default 15 s, {@link ApiCallLimits}). Runs before authentication, which
 * itself reads the database. These failures are expected and logged once per outage by the probe,
 * not once per request.
 */
@Component
// a web filter only where there is a web server: the command-line tools start the database without one
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseOutageFilter implements WebFilter {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageFilter.class);
    private static final String API = "/api/";
    /** Uploads of the reference data files stream tens of megabytes into one transaction: their own, longer limit. */
    private static final String REFERENCE_DATA = "/api/v1/admin/reference-data/";
    private static final Duration REFERENCE_DATA_TIMEOUT = Duration.ofMinutes(10);
    /** The OpenAPI description is built from the code, never from the database, and its first build is slow. */
    private static final String OPENAPI = "/api/v1/openapi";

    private final DatabaseAvailability availability;
    private final ProblemWriter problems;
    private final Duration requestTimeout;

    DatabaseOutageFilter(DatabaseAvailability availability, ProblemWriter problems,
                         ApiCallLimits limits) {
        this.availability = availability;
        this.problems = problems;
        this.requestTimeout = limits.apiCallTimeout();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith(API) || path.startsWith(OPENAPI)) {
            return chain.filter(exchange);
        }
        if (!availability.isUp()) {
            return unavailable(exchange, ProblemException.localized(ProblemType.SERVICE_UNAVAILABLE,
                    "availability.database-unavailable", availability.retryAfter().toSeconds()));
        }
        Duration timeout = path.startsWith(REFERENCE_DATA) ? REFERENCE_DATA_TIMEOUT : requestTimeout;
        return chain.filter(exchange)
                .timeout(timeout, Mono.error(() -> new TimeoutException("request took longer than " + timeout)))
                .onErrorResume(DatabaseFailures::isUnavailable, error -> {
                    LOG.debug("{}{} {} failed on the database: {}", exchange.getLogPrefix(), exchange.getRequest().getMethod(), path, error.toString());
                    return unavailable(exchange, error instanceof TimeoutException
                            ? ProblemException.localized(ProblemType.SERVICE_UNAVAILABLE, "availability.request-timeout",
                                    timeout.toSeconds(), availability.retryAfter().toSeconds())
                            : ProblemException.localized(ProblemType.SERVICE_UNAVAILABLE, "availability.database-unavailable",
                                    availability.retryAfter().toSeconds()));
                });
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, ProblemException problem) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.empty();
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(availability.retryAfter().toSeconds()));
        return problems.write(exchange, Problem.of(problem, ProblemMessages.of(exchange)));
    }
}
