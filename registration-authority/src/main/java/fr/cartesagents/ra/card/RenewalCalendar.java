package fr.cartesagents.ra.card;

import java.time.Instant;
import java.util.Optional;

/**
 * When the certificates of a card may be renewed on it, so that the card views can say so
 * ({@code renewableFrom}). The rule belongs to the renewal feature, which implements this interface
 * ({@code renewal.RenewalWindow}) and decides every renewal by the same rule; it is declared here
 * because the renewal feature depends on the card feature, not the reverse.
 */
public interface RenewalCalendar {

    /**
     * The instant the renewal of {@code card}'s certificates opens, given the end of its current
     * authentication certificate; empty when it never will: a revoked or expired card, or a card
     * whose own end comes first (it is replaced by a new order and hand-over).
     */
    Optional<Instant> renewableFrom(Card card, Instant authenticationNotAfter);
}
