package fr.cartesagents.ra.delivery;

import java.nio.file.Path;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.delivery.*}: the key that encrypts the copies of identity documents kept from the
 * hand-overs (a file holding 32 random bytes in Base64; required under the {@code production}
 * profile, generated in the data directory otherwise), how long the copies are kept (the policy
 * keeps registration files 7 years after the last certificate expires), and the version of the
 * terms of use the holder accepts; how often {@link IdentityDocumentPurge} deletes the documents whose
 * retention has ended, and how many per transaction.
 */
@ConfigurationProperties("cartes.delivery")
record DeliveryProperties(Path documentKeyFile, @DefaultValue("P7Y") Period documentRetention,
                          @DefaultValue("PT5M") java.time.Duration activationChallengeLifetime,
                          @DefaultValue("PT6H") java.time.Duration documentPurgeInterval,
                          @DefaultValue("200") int documentPurgeBatch) {

    DeliveryProperties {
        if (documentPurgeInterval.isNegative() || documentPurgeInterval.isZero()) {
            throw new IllegalArgumentException("cartes.delivery.document-purge-interval must be positive, not " + documentPurgeInterval);
        }
        if (documentPurgeBatch < 1) {
            throw new IllegalArgumentException("cartes.delivery.document-purge-batch must be at least 1, not " + documentPurgeBatch);
        }
    }
}
