package fr.cartesagents.ra.delivery;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Machine readable zones built with their check digits computed, for identity documents of test holders. */
public final class Zones {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private Zones() {
    }

    /** A TD1 zone (French identity card since 2021: document code ID, issuing state FRA). */
    public static String td1(String documentCode, String surname, String givenNames, String number, LocalDate birth, LocalDate expiry) {
        String first = pad(pad(documentCode, 2) + "FRA" + pad(number, 9) + digit(pad(number, 9)), 30);
        String birthField = birth.format(YYMMDD);
        String expiryField = expiry.format(YYMMDD);
        String secondStart = birthField + digit(birthField) + "F" + expiryField + digit(expiryField) + "FRA";
        String optional = pad("", 11);
        String composite = first.substring(5, 30) + secondStart.substring(0, 7) + secondStart.substring(8, 15) + optional;
        String second = secondStart + optional + digit(composite);
        String third = pad(filler(surname) + "<<" + filler(givenNames), 30);
        return first + "\n" + second + "\n" + third;
    }

    /** A TD3 passport zone issued by France. */
    public static String td3(String surname, String givenNames, String number, LocalDate birth, LocalDate expiry) {
        String first = pad("P<FRA" + filler(surname) + "<<" + filler(givenNames), 44);
        String numberField = pad(number, 9);
        String birthField = birth.format(YYMMDD);
        String expiryField = expiry.format(YYMMDD);
        String personal = pad("", 14);
        String body = numberField + digit(numberField) + "FRA" + birthField + digit(birthField) + "F" + expiryField
                + digit(expiryField) + personal + digit(personal);
        String composite = body.substring(0, 10) + body.substring(13, 20) + body.substring(21, 43);
        return first + "\n" + body + digit(composite);
    }

    /** The French identity card issued until 2021: {@code number} is 12 characters plus anything (cut), {@code birth} yyMMdd. */
    static String frenchIdCard1995(String surname, String givenNames, String number, String birth) {
        String first = pad("IDFRA" + filler(surname), 30) + "592001";
        String numberField = number.substring(0, 12);
        String start = numberField + digit(numberField) + pad(filler(givenNames), 14) + birth + digit(birth) + "F";
        return first + "\n" + start + digit(first + start);
    }

    private static String filler(String words) {
        return words.replace(' ', '<').replace('-', '<');
    }

    private static String pad(String value, int length) {
        StringBuilder padded = new StringBuilder(value);
        while (padded.length() < length) {
            padded.append('<');
        }
        return padded.substring(0, length);
    }

    private static char digit(String field) {
        return (char) ('0' + MrzCheckDigit.of(field));
    }
}
