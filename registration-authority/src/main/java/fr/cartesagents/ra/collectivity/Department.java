package fr.cartesagents.ra.collectivity;

import java.util.regex.Pattern;

/**
 * An INSEE department code: 01 to 95 (no 20 since Corsica was split into 2A and 2B), 971 to 978
 * overseas, 984 to 989 for the overseas collectivities of the Pacific and the southern lands.
 */
public record Department(String code) {

    public static final String PATTERN = "0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-8]|98[4-9]";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    public Department {
        if (code == null || !VALID.matcher(code).matches()) {
            throw new IllegalArgumentException("not an INSEE department code: " + code);
        }
    }

    public static boolean isValid(String code) {
        return code != null && VALID.matcher(code).matches();
    }

    @Override
    public String toString() {
        return code;
    }
}
