package fr.cartesagents.ra.holdercode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Drawing codes for holders, and reading back what they type. */
public final class Codes {

    /** Crockford's base 32: no I, L, O, U, so that nothing read aloud or copied by hand is ambiguous. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Codes() {
    }

    /** 16 base-32 characters (80 bits) in groups of four: {@code 7K2M-QX9D-...}. */
    public static String revocationCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** A typed revocation code as it was drawn: upper case, without separators, O read as 0 and I, L as 1. */
    public static String normalizeRevocationCode(String typed) {
        String upper = typed.toUpperCase(Locale.ROOT).replace('O', '0').replace('I', '1').replace('L', '1');
        StringBuilder code = new StringBuilder();
        for (char c : upper.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                code.append(c);
            }
        }
        return code.toString();
    }

    /** {@code digits} decimal digits (unblock codes, read from an e-mail and typed on a keypad). */
    public static String digits(int digits) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            code.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return code.toString();
    }

    /** 32 random bytes, base64url: a one-time link's token. */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * SHA-256 of a token, hexadecimal: enough for 256 random bits (no slow hash needed, unlike
     * short codes), and it lets the database find the token by its hash.
     */
    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
