package fr.cartesagents.ra.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The short-lived bearer tokens of the demo login: {@code <payload>.<HMAC-SHA256>}, the payload
 * naming the demo person and the expiry. The key is drawn at start-up and never leaves the
 * process, so a restart logs every demo user out (acceptable for a demo, and the reason why the
 * production profile has no such bean at all).
 */
@Component
@Profile("!production")
public class DemoTokens {

    /** Where the demo login hands out tokens (open to anyone, outside production). */
    public static final String LOGIN_PATH = "/api/v1/demo/login";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration validity;

    DemoTokens(Clock clock, SecurityProperties properties) {
        Duration validity = properties.demo().tokenValidity();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.validity = validity;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(DemoPrincipal user) {
        Instant expiresAt = clock.instant().plus(validity);
        String payload = ENCODER.encodeToString((user.personId() + "|" + user.userName() + "|" + expiresAt.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        return new Issued(payload + "." + ENCODER.encodeToString(mac(payload)), expiresAt);
    }

    /** The demo user of a token this process issued and that has not expired; empty otherwise. */
    Optional<DemoPrincipal> verify(String token) {
        int dot = token.indexOf('.');
        if (dot < 0 || token.length() > 512) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(mac(payload), DECODER.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[2])))) {
                return Optional.empty();
            }
            return Optional.of(new DemoPrincipal(UUID.fromString(parts[0]), parts[1]));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
