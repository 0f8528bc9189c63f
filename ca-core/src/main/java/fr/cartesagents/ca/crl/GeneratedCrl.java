package fr.cartesagents.ca.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed CRL, ready to publish.
 *
 * <p>{@code der} is handed over without a defensive copy because a large CRL weighs tens of
 * megabytes: callers must treat it as read-only.
 *
 * @param number     the CRL number (RFC 5280 section 5.2.3)
 * @param der        the DER-encoded CertificateList
 * @param thisUpdate when the CRL was issued (whole seconds)
 * @param nextUpdate when the next CRL is due at the latest
 * @param delta      true for a delta CRL (it carries a critical DeltaCRLIndicator)
 */
public record GeneratedCrl(BigInteger number, byte[] der, Instant thisUpdate, Instant nextUpdate, boolean delta) {

    public GeneratedCrl {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
    }

    @Override
    public String toString() {
        return (delta ? "delta" : "full") + " CRL #" + number + " (" + der.length + " bytes, thisUpdate "
                + thisUpdate + ", nextUpdate " + nextUpdate + ")";
    }
}
