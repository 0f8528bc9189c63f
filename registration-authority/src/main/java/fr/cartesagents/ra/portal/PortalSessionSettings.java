package fr.cartesagents.ra.portal;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a portal session lives: it ends after {@code idleTimeout} without a request, and in
 * any case {@code maximumLifetime} after the login (a working day), as ANSSI's recommendations for
 * web sessions ask. Checked at start-up, so a nonsensical setting stops the server.
 */
@ConfigurationProperties("cartes.portal.session")
record PortalSessionSettings(@DefaultValue("PT15M") Duration idleTimeout, @DefaultValue("PT10H") Duration maximumLifetime) {

    PortalSessionSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maximumLifetime, "maximumLifetime");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.compareTo(maximumLifetime) > 0) {
            throw new IllegalArgumentException("cartes.portal.session.idle-timeout must be positive and at most the maximum lifetime");
        }
    }
}
