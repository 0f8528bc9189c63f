package fr.cartesagents.bridge.personalization;

/**
 * Who certifies both keys of a card at once: the registration authority
 * ({@code POST /api/v1/card-orders/{id}/personalization}), called with the operator's own
 * credentials. Both certificates or neither.
 */
public interface PairIssuer {

    /**
     * @param idempotencyKey the same for a retry of the same request, so that a lost answer or a
     *                       restarted server gives back the same certificates, never a second pair
     * @throws IssuanceException if the issuer refuses the request or cannot be reached
     */
    IssuedPair issue(PairRequest request, String idempotencyKey);
}
