package fr.cartesagents.ra.notification;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * To the mayor and delegates: a card of their collectivity was revoked, e.g. declared lost by its
 * holder without the card; a replacement can be ordered.
 *
 * @param declaredBy who asked, in French ("le titulaire, avec son code de révocation")
 */
public record RevocationDeclared(String holderName, String cardSerial, String reason, Instant revokedAt, String declaredBy)
        implements Notification {

    public RevocationDeclared {
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(cardSerial, "cardSerial");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(declaredBy, "declaredBy");
    }

    @Override
    public MailTemplate template() {
        return MailTemplate.REVOCATION_DECLARED;
    }

    @Override
    public Map<String, String> model() {
        return Map.of("holderName", holderName, "cardSerial", cardSerial, "reason", reason,
                "revokedAt", FrenchDates.moment(revokedAt), "declaredBy", declaredBy);
    }
}
