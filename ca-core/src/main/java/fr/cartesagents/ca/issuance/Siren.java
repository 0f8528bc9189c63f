package fr.cartesagents.ca.issuance;

/**
 * A SIREN, the 9-digit INSEE identifier of a legal entity (here a collectivity), whose last digit is
 * a Luhn check digit.
 */
public record Siren(String value) {

    public Siren {
        if (value == null || !value.matches("[0-9]{9}")) {
            throw new IllegalArgumentException("a SIREN is exactly 9 digits");
        }
        if (!luhnValid(value)) {
            throw new IllegalArgumentException("SIREN " + value + " fails its Luhn check digit");
        }
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
