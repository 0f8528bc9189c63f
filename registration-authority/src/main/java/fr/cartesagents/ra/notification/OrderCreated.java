package fr.cartesagents.ra.notification;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * To the mayor and delegates (and the registration office): a card was ordered for a person.
 *
 * @param reason the order's reason as a French phrase ("première carte", "remplacement après perte")
 */
public record OrderCreated(UUID orderId, String holderName, String collectivityName, String reason) implements Notification {

    public OrderCreated {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(collectivityName, "collectivityName");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public MailTemplate template() {
        return MailTemplate.ORDER_CREATED;
    }

    @Override
    public Map<String, String> model() {
        return Map.of("orderId", orderId.toString(), "holderName", holderName, "collectivityName", collectivityName,
                "reason", reason);
    }
}
