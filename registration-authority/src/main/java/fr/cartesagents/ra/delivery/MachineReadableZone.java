package fr.cartesagents.ra.delivery;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the machine readable zone of an identity document says, read as ICAO Doc 9303 lays it out,
 * every check digit verified: TD1 (3 lines of 30: the French identity card since 2021 and the
 * residence permits), TD3 (2 lines of 44: passports), and the French identity card issued until
 * 2021 (2 lines of 36, its own layout: no expiry in the zone, a composite check over both lines).
 *
 * @param format         which layout
 * @param documentCode   {@code P}, {@code ID}, {@code IR}…
 * @param documentNumber without fillers
 * @param surname        primary identifier, fillers as spaces
 * @param givenNames     secondary identifier, fillers as spaces (possibly truncated)
 * @param expiresOn      empty for the pre-2021 French card
 */
record MachineReadableZone(Format format, String documentCode, String issuingState, String documentNumber, String surname,
                           String givenNames, Optional<LocalDate> birthDate, Optional<LocalDate> expiresOn) {

    enum Format { TD1, TD3, FRENCH_ID_CARD_1995 }

    MachineReadableZone {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(documentCode, "documentCode");
        Objects.requireNonNull(issuingState, "issuingState");
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(givenNames, "givenNames");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(expiresOn, "expiresOn");
    }

    /**
     * Reads the zone as typed or scanned: lines separated by line breaks (spaces around them and
     * lower case are forgiven); the layout is told by the number and length of the lines.
     *
     * @param today to place two-digit years (an expiry up to 50 years ahead, a birth date in the past)
     * @throws MrzException when the zone cannot be read or a check digit is wrong
     */
    static MachineReadableZone parse(String text, LocalDate today) {
        if (text == null) {
            throw new MrzException(MrzException.Reason.MALFORMED, "the machine readable zone is missing");
        }
        List<String> lines = text.strip().lines().map(line -> line.strip().replace(" ", "").toUpperCase(Locale.ROOT))
                .filter(line -> !line.isEmpty()).toList();
        for (String line : lines) {
            if (!line.chars().allMatch(c -> c == '<' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                throw new MrzException(MrzException.Reason.MALFORMED, "a machine readable zone holds only A-Z, 0-9 and '<'");
            }
        }
        if (lines.size() == 3 && lines.stream().allMatch(line -> line.length() == 30)) {
            return td1(lines, today);
        }
        if (lines.size() == 2 && lines.stream().allMatch(line -> line.length() == 44)) {
            return td3(lines, today);
        }
        if (lines.size() == 2 && lines.stream().allMatch(line -> line.length() == 36) && lines.get(0).startsWith("IDFRA")) {
            return frenchIdCard1995(lines, today);
        }
        throw new MrzException(MrzException.Reason.MALFORMED,
                "expected 3 lines of 30 characters (identity card, residence permit), 2 of 44 (passport)"
                        + " or 2 of 36 (French identity card before 2021)");
    }

    private static MachineReadableZone td1(List<String> lines, LocalDate today) {
        String first = lines.get(0);
        String second = lines.get(1);
        check("document number", first.substring(5, 14), first.charAt(14));
        check("date of birth", second.substring(0, 6), second.charAt(6));
        check("date of expiry", second.substring(8, 14), second.charAt(14));
        check("composite", first.substring(5, 30) + second.substring(0, 7) + second.substring(8, 15) + second.substring(18, 29),
                second.charAt(29));
        String[] names = names(lines.get(2));
        return new MachineReadableZone(Format.TD1, trim(first.substring(0, 2)), trim(first.substring(2, 5)),
                trim(first.substring(5, 14)), names[0], names[1], Optional.of(birth(second.substring(0, 6), today)),
                Optional.of(expiry(second.substring(8, 14), today)));
    }

    private static MachineReadableZone td3(List<String> lines, LocalDate today) {
        String first = lines.get(0);
        String second = lines.get(1);
        check("document number", second.substring(0, 9), second.charAt(9));
        check("date of birth", second.substring(13, 19), second.charAt(19));
        check("date of expiry", second.substring(21, 27), second.charAt(27));
        check("personal number", second.substring(28, 42), second.charAt(42));
        check("composite", second.substring(0, 10) + second.substring(13, 20) + second.substring(21, 43), second.charAt(43));
        String[] names = names(first.substring(5));
        return new MachineReadableZone(Format.TD3, trim(first.substring(0, 2)), trim(first.substring(2, 5)),
                trim(second.substring(0, 9)), names[0], names[1], Optional.of(birth(second.substring(13, 19), today)),
                Optional.of(expiry(second.substring(21, 27), today)));
    }

    /**
     * Line 1: {@code IDFRA}, the surname on 25, the issuing office on 6. Line 2: the card number on
     * 12 and its check, the given names on 14, the birth date and its check, the sex, then a check
     * over both lines.
     */
    private static MachineReadableZone frenchIdCard1995(List<String> lines, LocalDate today) {
        String first = lines.get(0);
        String second = lines.get(1);
        check("document number", second.substring(0, 12), second.charAt(12));
        check("date of birth", second.substring(27, 33), second.charAt(33));
        check("composite", first + second.substring(0, 35), second.charAt(35));
        return new MachineReadableZone(Format.FRENCH_ID_CARD_1995, "ID", "FRA", trim(second.substring(0, 12)),
                words(first.substring(5, 30)), words(second.substring(13, 27)), Optional.of(birth(second.substring(27, 33), today)),
                Optional.empty());
    }

    private static void check(String field, String value, char digit) {
        if (!MrzCheckDigit.matches(value, digit)) {
            throw new MrzException(MrzException.Reason.CHECK_DIGIT, "the check digit of the " + field + " is wrong");
        }
    }

    /** {@code SURNAME<<GIVEN<NAMES<<<}: primary and secondary identifiers, fillers as spaces. */
    private static String[] names(String field) {
        int separator = field.indexOf("<<");
        if (separator < 0) {
            return new String[] {words(field), ""};
        }
        return new String[] {words(field.substring(0, separator)), words(field.substring(separator + 2))};
    }

    private static String words(String field) {
        return field.replace('<', ' ').strip().replaceAll(" +", " ");
    }

    private static String trim(String field) {
        return field.replace("<", "");
    }

    private static LocalDate birth(String yymmdd, LocalDate today) {
        LocalDate date = date(yymmdd, 2000);
        return date.isAfter(today) ? date.minusYears(100) : date;
    }

    private static LocalDate expiry(String yymmdd, LocalDate today) {
        LocalDate date = date(yymmdd, 2000);
        return date.isAfter(today.plusYears(50)) ? date.minusYears(100) : date;
    }

    private static LocalDate date(String yymmdd, int century) {
        try {
            return LocalDate.of(century + Integer.parseInt(yymmdd.substring(0, 2)), Integer.parseInt(yymmdd.substring(2, 4)),
                    Integer.parseInt(yymmdd.substring(4, 6)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new MrzException(MrzException.Reason.MALFORMED, "a date of the machine readable zone is not a date");
        }
    }
}
