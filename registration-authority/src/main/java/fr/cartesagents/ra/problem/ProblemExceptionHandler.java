package fr.cartesagents.ra.problem;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;

/**
 * Every error that reaches the edge becomes an RFC 9457 problem document: this server's own
 * {@link ProblemException}s as they are, Spring's {@link ErrorResponse}s (bad input, unknown route,
 * wrong media type...) with their status, an over-long body as 413, anything else as a 500 whose
 * detail reveals nothing. Runs before Spring Boot's default error handler.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    /** The extension member of a problem that also becomes the Retry-After header. */
    static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final ProblemWriter writer;

    ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        // A refusal that ends by itself (too many attempts) says when to come back (RFC 9110 section 10.2.3).
        if (error instanceof ProblemException problem && problem.properties().get(RETRY_AFTER_SECONDS) instanceof Number seconds) {
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds.longValue()));
        }
        return writer.write(exchange, toProblem(error, exchange));
    }

    static Problem toProblem(Throwable error, ServerWebExchange exchange) {
        if (error instanceof ProblemException problem) {
            return Problem.of(problem, ProblemMessages.of(exchange));
        }
        if (causedBy(error, DataBufferLimitException.class)) {
            return Problem.of(ProblemException.localized(ProblemType.REQUEST_TOO_LARGE, "request.too-large-for-endpoint"),
                    ProblemMessages.of(exchange));
        }
        java.util.Optional<Problem> input = InputProblems.of(error, ProblemMessages.of(exchange));
        if (input.isPresent()) {
            return input.get();
        }
        if (error instanceof ErrorResponse response) {
            HttpStatusCode status = response.getStatusCode();
            ProblemType problemType = typeFor(status);
            String detail = response.getBody().getDetail();
            return new Problem(problemType.type(), problemType.title(), status, detail, Map.of());
        }
        LOG.error("{}Unexpected error on {} {}", exchange.getLogPrefix(), exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), error);
        return Problem.of(ProblemException.localized(ProblemType.INTERNAL_ERROR, "server.internal-error"), ProblemMessages.of(exchange));
    }

    private static ProblemType typeFor(HttpStatusCode status) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return ProblemType.NOT_FOUND;
        }
        if (status.value() == HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()) {
            return ProblemType.UNSUPPORTED_MEDIA_TYPE;
        }
        if (status.value() == HttpStatus.NOT_ACCEPTABLE.value()) {
            return ProblemType.NOT_ACCEPTABLE;
        }
        if (status.value() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            return ProblemType.METHOD_NOT_ALLOWED;
        }
        if (status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return ProblemType.REQUEST_TOO_LARGE;
        }
        if (status.value() == HttpStatus.UNAUTHORIZED.value()) {
            return ProblemType.UNAUTHENTICATED;
        }
        if (status.value() == HttpStatus.FORBIDDEN.value()) {
            return ProblemType.FORBIDDEN;
        }
        if (status.is4xxClientError()) {
            return ProblemType.BAD_REQUEST;
        }
        return ProblemType.INTERNAL_ERROR;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
