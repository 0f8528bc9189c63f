package fr.cartesagents.bridge.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What the authentication key signs for a challenge–response login: never the caller's bytes as
 * they are, but this text, which starts with a fixed prefix and binds the server's nonce to the
 * origin of the page that asked (or {@link #LOCAL} for a local client with no page):
 * <pre>
 * Cartes Agents login challenge v1
 * origin: https://portail.example.fr
 * nonce: 3q2-7w...
 * </pre>
 * So a paired page cannot obtain, through the bridge, a signature over data of its choosing (a TLS
 * CertificateVerify, a document hash, another site's challenge): whatever it sends is only ever the
 * nonce inside this structure, and the verifier sees which page asked for it.
 */
public record LoginChallenge(String origin, byte[] nonce) {

    public static final String PREFIX = "Cartes Agents login challenge v1\n";
    /** The origin bound when the request came from no web page (the CLI, a local program with the pairing token). */
    public static final String LOCAL = "urn:cartes-agents:bridge:local";
    public static final int MIN_NONCE_BYTES = 16;
    public static final int MAX_NONCE_BYTES = 64;

    public LoginChallenge {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(nonce, "nonce");
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("The origin must be printable ASCII without spaces");
        }
        if (nonce.length < MIN_NONCE_BYTES || nonce.length > MAX_NONCE_BYTES) {
            throw new IllegalArgumentException("A login challenge is a nonce of " + MIN_NONCE_BYTES + " to " + MAX_NONCE_BYTES
                    + " bytes, not " + nonce.length);
        }
        nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The exact bytes the card signs (UTF-8; ASCII in practice). */
    public byte[] toBeSigned() {
        return (PREFIX + "origin: " + origin + "\nnonce: " + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
