package fr.cartesagents.ra.card;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a collectivity's cards a list shows: in one of {@code states} (all states when empty),
 * with the PIN known to be blocked or not ({@code pinBlocked}), and ending before an instant
 * ({@code expiringBefore}, the card's own end, {@code expiresAt}). What the dashboard counts, on the
 * server, so that a commune of any size is counted whole.
 */
public record CardFilter(Set<CardState> states, Optional<Boolean> pinBlocked, Optional<Instant> expiringBefore) {

    public CardFilter {
        states = Set.copyOf(states);
        Objects.requireNonNull(pinBlocked, "pinBlocked");
        Objects.requireNonNull(expiringBefore, "expiringBefore");
    }
}
