package fr.cartesagents.ra.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.http.api-call-timeout}: no API call runs longer, from its arrival to its answer; one
 * that does ends with a 503 {@code service-unavailable} ({@link DatabaseOutageFilter}), so that a
 * database that freezes mid-call does not hold callers (default 15 s; reference data uploads have
 * their own 10 minutes). Not the listeners' {@code cartes.http.body-timeout}, which bounds how long
 * receiving a request body may take.
 */
@ConfigurationProperties("cartes.http")
public record ApiCallLimits(@DefaultValue("PT15S") Duration apiCallTimeout) {

    public ApiCallLimits {
        if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
            throw new IllegalArgumentException("cartes.http.api-call-timeout must be a positive duration, not " + apiCallTimeout);
        }
    }
}
