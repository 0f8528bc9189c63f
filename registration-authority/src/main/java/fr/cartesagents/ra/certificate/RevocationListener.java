package fr.cartesagents.ra.certificate;

import java.math.BigInteger;

import reactor.core.publisher.Mono;

/**
 * What must follow a revocation, implemented by the features that publish certificate status (the
 * PKI repository's CRLs and OCSP responses), so that the certificate feature does not depend on them.
 */
public interface RevocationListener {

    /** Runs in the revocation's transaction: a failure rolls the revocation back (a CRL is published with it). */
    Mono<Void> revoked(String caId, BigInteger serial);

    /**
     * Like {@link #revoked} for several serials of {@code caId} revoked in one transaction (the two
     * certificates of a card, the recovery of abandoned reservations): a listener that publishes a CRL
     * publishes one for all of them. An empty list is possible (nothing was newly revoked).
     */
    default Mono<Void> revokedAll(String caId, java.util.List<BigInteger> serials) {
        return reactor.core.publisher.Flux.fromIterable(serials).concatMap(serial -> revoked(caId, serial)).then();
    }

    /** Runs once the revocation has committed, never inside its transaction (a pre-produced OCSP response is dropped). */
    void committed(BigInteger serial);
}
