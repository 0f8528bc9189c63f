package fr.cartesagents.ra.notification;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** To the holder: both certificates of their card are revoked (whoever asked). */
public record RevocationConfirmed(String holderName, String cardSerial, String reason, Instant revokedAt)
        implements Notification {

    public RevocationConfirmed {
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(cardSerial, "cardSerial");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    @Override
    public MailTemplate template() {
        return MailTemplate.REVOCATION_CONFIRMED;
    }

    @Override
    public Map<String, String> model() {
        return Map.of("holderName", holderName, "cardSerial", cardSerial, "reason", reason,
                "revokedAt", FrenchDates.moment(revokedAt));
    }
}
