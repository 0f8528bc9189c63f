package fr.cartesagents.ca.issuance;

import java.text.Normalizer;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;
import fr.cartesagents.ca.issuance.lint.AttributeUpperBounds;

/** The checks every subject attribute value passes before it goes into a DN. */
final class SubjectRules {

    private SubjectRules() {
    }

    static int upperBound(ASN1ObjectIdentifier type) {
        return AttributeUpperBounds.of(type);
    }

    /**
     * {@code value} in Unicode NFC (the form names are compared in), refused when empty, padded with
     * spaces, longer than {@code maxLength} characters, or holding control, format, private-use or
     * unassigned characters (invisible or spoofing characters have no place in a name).
     */
    static String checked(String attribute, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw invalid(attribute + " is empty");
        }
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (!normalized.equals(normalized.strip())) {
            throw invalid(attribute + " starts or ends with white space");
        }
        int length = 0;
        for (int i = 0; i < normalized.length(); ) {
            int codePoint = normalized.codePointAt(i);
            switch (Character.getType(codePoint)) {
                case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                        Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                        throw invalid(attribute + " contains the forbidden character U+"
                                + String.format("%04X", codePoint) + " at position " + (length + 1));
                default -> {
                }
            }
            length++;
            i += Character.charCount(codePoint);
        }
        if (length > maxLength) {
            throw invalid(attribute + " is " + length + " characters long, the limit is " + maxLength);
        }
        return normalized;
    }

    /** PrintableString (X.680 41.4): letters, digits, space and '()+,-./:=? */
    static boolean isPrintableString(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || " '()+,-./:=?".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static IssuanceRefusedException invalid(String message) {
        return new IssuanceRefusedException(Reason.INVALID_SUBJECT, "invalid subject: " + message);
    }
}
