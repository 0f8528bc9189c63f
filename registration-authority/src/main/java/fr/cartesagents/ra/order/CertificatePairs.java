package fr.cartesagents.ra.order;

import java.time.Instant;
import java.util.UUID;

import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * How another feature (the renewal of a card's certificates) has the authentication and the
 * signature certificate of a card issued as a pair, both or neither, exactly as the personalization
 * does: the subject comes from the directory record of the holder, never from the caller.
 * Implemented by {@link CertificatePairIssuance}.
 */
public interface CertificatePairs {

    /**
     * Phase 1, outside any transaction: 422 when the holder has departed; then both requests are
     * checked (proof of possession, distinct keys, profile and lint), both serials reserved in a
     * transaction of their own, and both certificates signed. Neither certificate ends after
     * {@code cardExpiresAt}: a certificate never outlives the card that holds its key.
     */
    Mono<SignedCertificatePair> reserveAndSign(Actor actor, UUID personId, UUID collectivityId, String authenticationCsr,
                                               String signatureCsr, Instant cardExpiresAt);

    /** Phase 2: stores both certificates with their "certificate.issued" events; joins the caller's transaction. */
    Mono<Void> record(Actor actor, SignedCertificatePair pair);
}
