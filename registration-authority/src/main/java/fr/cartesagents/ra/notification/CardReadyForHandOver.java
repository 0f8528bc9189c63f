package fr.cartesagents.ra.notification;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * To the mayor or the delegates (convention CARTES, Art. III): a personalized card waits for its
 * face-to-face hand-over at the registration office, with an identity document in force.
 */
public record CardReadyForHandOver(UUID cardId, String holderName, String collectivityName, String officeName)
        implements Notification {

    public CardReadyForHandOver {
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(collectivityName, "collectivityName");
        Objects.requireNonNull(officeName, "officeName");
    }

    @Override
    public MailTemplate template() {
        return MailTemplate.CARD_READY_FOR_HAND_OVER;
    }

    @Override
    public Map<String, String> model() {
        return Map.of("cardId", cardId.toString(), "holderName", holderName, "collectivityName", collectivityName,
                "officeName", officeName);
    }
}
