package fr.cartesagents.ra.order;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import fr.cartesagents.ra.card.CardProfile;

/**
 * A card ordered for a person of a collectivity: why, as what profile, who ordered it and in which
 * capacity, what it costs (annex 1), and where it is. {@code cardId} is set once personalized.
 */
public record CardOrder(UUID id, UUID collectivityId, UUID personId, OrderReason reason, CardProfile profile, OrderState state,
                        boolean freeOfCharge, int feeCents, Instant orderedAt, String orderedBy, OrderedAs orderedAs,
                        Optional<Instant> approvedAt, Optional<String> approvedBy, Optional<Instant> personalizedAt,
                        Optional<Instant> deliveredAt, Optional<Instant> cancelledAt, Optional<UUID> cardId, long version) {

    public CardOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(collectivityId, "collectivityId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Objects.requireNonNull(orderedBy, "orderedBy");
        Objects.requireNonNull(orderedAs, "orderedAs");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(personalizedAt, "personalizedAt");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
        Objects.requireNonNull(cardId, "cardId");
    }

    /** The capacity in which an order was placed. */
    public enum OrderedAs {
        /** The mayor or a delegate, for a person of their collectivity. */
        COLLECTIVITY,
        /** The registration office: the cards of the mayor and delegates (Art. III), all cards while trust roles are suspended (Art. VII). */
        OFFICE,
        /** A national administrator. */
        NATIONAL;

        public String databaseName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
