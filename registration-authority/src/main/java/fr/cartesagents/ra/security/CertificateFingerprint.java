package fr.cartesagents.ra.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a certificate's DER, in lowercase hexadecimal without separators. */
public final class CertificateFingerprint {

    private CertificateFingerprint() {
    }

    public static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts the common spellings (colons, spaces, upper case) and returns the canonical one. */
    public static String normalize(String fingerprint) {
        String hex = fingerprint.replaceAll("[:\\s]", "").toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 fingerprint: " + fingerprint);
        }
        return hex;
    }
}
