package fr.cartesagents.ra.notification;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * To the holder: something of their card expires in {@code daysLeft} days.
 *
 * @param what      what expires, in French ("les certificats de votre carte", "votre carte")
 * @param whatToDo  what the holder should do, in French
 */
public record ExpiryReminder(String holderName, String cardSerial, String what, LocalDate expiresOn, int daysLeft,
                             String whatToDo) implements Notification {

    public ExpiryReminder {
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(cardSerial, "cardSerial");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(whatToDo, "whatToDo");
    }

    @Override
    public MailTemplate template() {
        return MailTemplate.EXPIRY_REMINDER;
    }

    @Override
    public Map<String, String> model() {
        return Map.of("holderName", holderName, "cardSerial", cardSerial, "what", what,
                "expiresOn", FrenchDates.day(expiresOn), "daysLeft", Integer.toString(daysLeft), "whatToDo", whatToDo);
    }
}
