package fr.cartesagents.ra.collectivity;

import java.util.regex.Pattern;

/**
 * The INSEE code of a commune (code officiel géographique): five characters, the department's
 * two (01..95, 2A, 2B for Corsica) then three digits; overseas, the department's three (971..989)
 * then two digits. Its department is the prefix.
 */
public record InseeCode(String value) {

    private static final Pattern VALID = Pattern.compile("(?:0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5])[0-9]{3}|9[78][0-9]{3}");

    public InseeCode {
        if (value == null || !VALID.matcher(value).matches() || !Department.isValid(departmentOf(value))) {
            throw new IllegalArgumentException("not an INSEE commune code: " + value);
        }
    }

    public static boolean isValid(String value) {
        try {
            new InseeCode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The department the commune belongs to: its code's first two characters, three overseas. */
    public Department department() {
        return new Department(departmentOf(value));
    }

    private static String departmentOf(String code) {
        return code.startsWith("97") || code.startsWith("98") ? code.substring(0, 3) : code.substring(0, 2);
    }

    @Override
    public String toString() {
        return value;
    }
}
