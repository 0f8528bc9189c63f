package fr.cartesagents.ra.delivery;

/**
 * The check digit of ICAO Doc 9303 part 3 §4.9: each character's value (digits as themselves, A-Z
 * as 10-35, the filler {@code <} as 0) weighted 7, 3, 1 in turn, the sum modulo 10.
 */
final class MrzCheckDigit {

    private MrzCheckDigit() {
    }

    static int of(CharSequence field) {
        int[] weights = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            sum += value(field.charAt(i)) * weights[i % 3];
        }
        return sum % 10;
    }

    /** Whether {@code check} (a digit, or {@code <} read as 0 as some issuers print it for an empty field) is the check digit of {@code field}. */
    static boolean matches(CharSequence field, char check) {
        int expected = of(field);
        return check == '<' ? expected == 0 && field.chars().allMatch(c -> c == '<') : check - '0' == expected;
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c == '<') {
            return 0;
        }
        throw new MrzException(MrzException.Reason.MALFORMED, "character '" + c + "' is not allowed in a machine readable zone");
    }
}
