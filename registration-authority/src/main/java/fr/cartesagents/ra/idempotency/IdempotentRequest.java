package fr.cartesagents.ra.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * A POST that must take effect at most once per {@code Idempotency-Key}: the key is scoped to the
 * caller, and the request is remembered by a hash of what it asks (method, path, canonical body).
 */
public record IdempotentRequest(String principal, String key, String requestHash) {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    public IdempotentRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestHash, "requestHash");
    }

    /**
     * @param key the header's value, possibly absent
     * @throws ProblemException (400) when the key is missing or unusable
     */
    public static IdempotentRequest of(String principal, String key, String method, String path, String canonicalBody) {
        if (key == null || key.isBlank()) {
            throw ProblemException.localized(ProblemType.IDEMPOTENCY_KEY_MISSING, "idempotency.key-missing", HEADER);
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.localized(ProblemType.IDEMPOTENCY_KEY_MISSING, "idempotency.key-malformed", HEADER,
                    String.valueOf(MAX_KEY_LENGTH));
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha256.update(canonicalBody.getBytes(StandardCharsets.UTF_8));
            return new IdempotentRequest(principal, key, HexFormat.of().formatHex(sha256.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
