package fr.cartesagents.ra.order;

import java.time.Instant;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;

/**
 * A card order as the API shows it. {@code feeCentsExclTax} is what annex 1 charges for it (0 when
 * free of charge), in euro cents before tax; {@code cardId} appears once the card is personalized.
 */
public record OrderView(UUID id, UUID collectivityId, UUID personId, String reason, String cardProfile, String state,
                        boolean freeOfCharge, int feeCentsExclTax, String currency, Instant orderedAt, String orderedBy,
                        String orderedAs, Instant approvedAt, String approvedBy, Instant personalizedAt, Instant deliveredAt,
                        Instant cancelledAt, UUID cardId, long version) implements Versioned {

    static OrderView of(CardOrder order) {
        return new OrderView(order.id(), order.collectivityId(), order.personId(), order.reason().databaseName(),
                order.profile().databaseName(), order.state().databaseName(), order.freeOfCharge(), order.feeCents(), "EUR",
                order.orderedAt(), order.orderedBy(), order.orderedAs().databaseName(), order.approvedAt().orElse(null),
                order.approvedBy().orElse(null), order.personalizedAt().orElse(null), order.deliveredAt().orElse(null),
                order.cancelledAt().orElse(null), order.cardId().orElse(null), order.version());
    }
}
