package fr.cartesagents.ra.ratelimit;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code cartes.rate-limits.*}: how many attempts each counted action allows per window, written
 * {@code <attempts>/<ISO 8601 duration>} ({@code 5/PT15M}: 5 per 15 minutes). The counters are
 * database rows shared by every instance ({@link RateLimiter}); refused attempts count too. The
 * defaults follow issue 17 (revocation without the card) and Art. V (unblock). Each {@link Allowance}
 * checks its own value, so a bad one stops the start naming its property.
 *
 * @param revocationCodesPerHolder   revocation codes tried per holder (id or e-mail) without the card
 * @param revocationCodesPerAddress  revocation codes tried per client address
 * @param revocationLinksPerHolder   one-time revocation links asked per holder
 * @param revocationLinksPerAddress  one-time revocation links asked per client address
 * @param revocationTokensPerAddress revocation link tokens presented per client address
 * @param unblockRequestsPerCard     unblock codes sent per card (the registration office is not limited)
 * @param unblockAttemptsPerAddress  unblock codes tried per client address
 */
@Validated
@ConfigurationProperties("cartes.rate-limits")
public record RateLimitSettings(@NotNull @DefaultValue("5/PT15M") Allowance revocationCodesPerHolder,
                                @NotNull @DefaultValue("20/PT1H") Allowance revocationCodesPerAddress,
                                @NotNull @DefaultValue("3/PT1H") Allowance revocationLinksPerHolder,
                                @NotNull @DefaultValue("10/PT1H") Allowance revocationLinksPerAddress,
                                @NotNull @DefaultValue("20/PT1H") Allowance revocationTokensPerAddress,
                                @NotNull @DefaultValue("3/PT1H") Allowance unblockRequestsPerCard,
                                @NotNull @DefaultValue("30/PT1H") Allowance unblockAttemptsPerAddress) {

    /** At most {@code attempts} per {@code window}. */
    public record Allowance(int attempts, Duration window) {

        public Allowance {
            Objects.requireNonNull(window, "window");
            if (attempts < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a rate limit allows at least one attempt in a positive window, not "
                        + attempts + "/" + window);
            }
        }

        /** {@code 5/PT15M}; the binder calls it for each property, so a bad value stops the start naming the property. */
        public static Allowance valueOf(String text) {
            String[] parts = text.strip().split("/", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a rate limit is written <attempts>/<ISO 8601 duration>, e.g. 5/PT15M, not " + text);
            }
            try {
                return new Allowance(Integer.parseInt(parts[0].strip()), Duration.parse(parts[1].strip()));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("a rate limit is written <attempts>/<ISO 8601 duration>, e.g. 5/PT15M, not " + text, e);
            }
        }

        /** This allowance for the counters named {@code name} (the prefix of their buckets in {@code rate_limit}). */
        public RateLimit named(String name) {
            return new RateLimit(name, attempts, window);
        }
    }
}
