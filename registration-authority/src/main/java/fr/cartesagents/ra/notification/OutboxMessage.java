package fr.cartesagents.ra.notification;

import java.util.Map;
import java.util.UUID;

/** A claimed row of the outbox: what to render and to whom; {@code attempts} counts this one. */
record OutboxMessage(UUID id, MailTemplate template, String recipient, Map<String, String> model,
                     Map<String, String> secrets, int attempts) {

    @Override
    public String toString() {
        return "OutboxMessage[" + id + ", " + template.fileName() + ", attempt " + attempts + "]";
    }
}
