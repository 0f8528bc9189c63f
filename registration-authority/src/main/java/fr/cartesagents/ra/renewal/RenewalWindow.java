package fr.cartesagents.ra.renewal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardState;
import fr.cartesagents.ra.card.RenewalCalendar;

/**
 * The one rule that says when a card's certificates may be renewed on the card: from
 * {@code cartes.renewal.window} before the authentication certificate ends, as long as the card
 * itself does not end within that window. A card that does is replaced by a new order and
 * hand-over: new certificates would stop with the card (they never outlive it) and so would be due
 * for renewal again at once. {@link RenewalService} refuses by it, the card views show its date.
 */
@Component
class RenewalWindow implements RenewalCalendar {

    private final RenewalProperties properties;

    RenewalWindow(RenewalProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<Instant> renewableFrom(Card card, Instant authenticationNotAfter) {
        if (card.state() == CardState.REVOKED || card.state() == CardState.EXPIRED || !card.expiresAt().isAfter(authenticationNotAfter)) {
            return Optional.empty();
        }
        return Optional.of(opensFor(authenticationNotAfter));
    }

    /** The instant the window opens for certificates ending at {@code notAfter}. */
    Instant opensFor(Instant notAfter) {
        return notAfter.minus(properties.window());
    }

    /** Whether certificates ending at {@code notAfter} are in their renewal window at {@code now}. */
    boolean isOpen(Instant notAfter, Instant now) {
        return !opensFor(notAfter).isAfter(now);
    }

    /** Whether the card ends within the window that starts at {@code now}: too little left to renew on it. */
    boolean cardEndsWithin(Card card, Instant now) {
        return !card.expiresAt().isAfter(now.plus(properties.window()));
    }
}
