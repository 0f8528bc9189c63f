package fr.cartesagents.ra.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and times as a French reader expects them in a message: "7 décembre 2026", "7 décembre 2026 à 16 h 05". */
public final class FrenchDates {

    public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' H 'h' mm", Locale.FRENCH);

    private FrenchDates() {
    }

    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    public static String day(Instant instant) {
        return DAY.format(instant.atZone(FRANCE));
    }

    public static String moment(Instant instant) {
        return MOMENT.format(instant.atZone(FRANCE));
    }
}
