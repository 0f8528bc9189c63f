package fr.cartesagents.ca.ceremony;

/**
 * What BouncyCastle's lenient DN parser lets through: it takes {@code CN=x;;garbage} as one CN
 * holding ";;garbage", and {@code CN=x;O=y} as one CN. RFC 4514 section 2.4 wants {@code ; < > "}
 * escaped in a value; unescaped, or a second {@code =} in one attribute, they are typing errors, and
 * a typing error must not end up in a CA certificate.
 */
final class Rfc4514Syntax {

    private Rfc4514Syntax() {
    }

    /** What is wrong with {@code dn}, or {@code null} when every attribute is {@code type=value}. */
    static String defectOf(String dn) {
        int equalSigns = 0;
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i <= dn.length(); i++) {
            char c = i < dn.length() ? dn.charAt(i) : ',';
            if (escaped) {
                escaped = false;
                value.append(c);
                continue;
            }
            switch (c) {
                case '\\' -> escaped = true;
                case ';', '<', '>', '"' -> {
                    return "'" + c + "' must be escaped as \\" + c + " or is a typing error (attributes are separated by commas)";
                }
                case '=' -> {
                    if (++equalSigns > 1) {
                        return "an attribute has two '=' (a comma missing, or an '=' to escape as \\=)";
                    }
                    value.setLength(0);
                }
                case ',', '+' -> {
                    if (equalSigns == 0) {
                        return "an attribute has no '=' (each is TYPE=value, e.g. CN=…)";
                    }
                    if (value.toString().isBlank()) {
                        return "an attribute has an empty value";
                    }
                    equalSigns = 0;
                    value.setLength(0);
                }
                default -> value.append(c);
            }
        }
        return null;
    }
}
