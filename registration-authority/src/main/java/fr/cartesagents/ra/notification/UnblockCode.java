package fr.cartesagents.ra.notification;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** To the holder: the one-time code that lets their workstation unblock that card; the code is a secret. */
public record UnblockCode(String holderName, String cardSerial, String code, Instant expiresAt) implements Notification {

    public UnblockCode {
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(cardSerial, "cardSerial");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public MailTemplate template() {
        return MailTemplate.UNBLOCK_CODE;
    }

    @Override
    public Map<String, String> model() {
        return Map.of("holderName", holderName, "cardSerial", cardSerial, "expiresAt", FrenchDates.moment(expiresAt));
    }

    @Override
    public Map<String, String> secrets() {
        return Map.of("code", code);
    }

    @Override
    public String toString() {
        return "UnblockCode[card " + cardSerial + ", code hidden]";
    }
}
