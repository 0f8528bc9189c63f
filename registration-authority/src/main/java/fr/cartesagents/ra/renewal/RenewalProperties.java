package fr.cartesagents.ra.renewal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.renewal.*}: how long before its authentication certificate expires a holder may
 * renew the certificates of their card (90 days: the first expiry reminder invites them to). Earlier,
 * a renewal would only shorten the life of certificates that are still good.
 *
 * @param window       how long before the authentication certificate's end the renewal opens
 * @param replayWindow how long after a renewal its superseded certificate may still replay it, to get an answer that was
 *                     lost ({@link SupersededRenewalReplay}); 24 hours
 */
@ConfigurationProperties("cartes.renewal")
record RenewalProperties(@DefaultValue("P90D") Duration window, @DefaultValue("P1D") Duration replayWindow) {

    RenewalProperties {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("cartes.renewal.window must be positive, not " + window);
        }
        if (replayWindow.isNegative() || replayWindow.isZero()) {
            throw new IllegalArgumentException("cartes.renewal.replay-window must be positive, not " + replayWindow);
        }
    }
}
