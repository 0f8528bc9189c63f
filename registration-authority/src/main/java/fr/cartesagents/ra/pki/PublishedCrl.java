package fr.cartesagents.ra.pki;

import java.math.BigInteger;
import java.time.Instant;

/** A CRL as stored and served. */
public record PublishedCrl(String caId, BigInteger number, boolean delta, Instant thisUpdate, Instant nextUpdate, byte[] der) {

    public PublishedCrl {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}
