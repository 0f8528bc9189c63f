package fr.cartesagents.ra.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code cartes.rate-limits.*} as Spring Boot binds it: the defaults, an override, and a value that must stop the start. */
class RateLimitSettingsTest {

    @Test
    void theDefaultsAreTheIssuesLimits() {
        RateLimitSettings settings = bind(Map.of());

        assertThat(settings.revocationCodesPerHolder()).isEqualTo(new RateLimitSettings.Allowance(5, Duration.ofMinutes(15)));
        assertThat(settings.revocationCodesPerAddress()).isEqualTo(new RateLimitSettings.Allowance(20, Duration.ofHours(1)));
        assertThat(settings.revocationLinksPerHolder()).isEqualTo(new RateLimitSettings.Allowance(3, Duration.ofHours(1)));
        assertThat(settings.unblockRequestsPerCard()).isEqualTo(new RateLimitSettings.Allowance(3, Duration.ofHours(1)));
        assertThat(settings.unblockAttemptsPerAddress()).isEqualTo(new RateLimitSettings.Allowance(30, Duration.ofHours(1)));
    }

    @Test
    void aLimitIsSetAsAttemptsSlashDuration_andNamesItsBuckets() {
        RateLimitSettings settings = bind(Map.of("cartes.rate-limits.revocation-codes-per-holder", " 2 / PT5M ",
                "cartes.rate-limits.unblock-attempts-per-address", "100/PT10M"));

        RateLimit perHolder = settings.revocationCodesPerHolder().named("revocation-code-holder");
        assertThat(perHolder).isEqualTo(new RateLimit("revocation-code-holder", 2, Duration.ofMinutes(5)));
        assertThat(perHolder.bucket("ACT-1")).isEqualTo("revocation-code-holder:ACT-1");
        assertThat(settings.unblockAttemptsPerAddress().attempts()).isEqualTo(100);
        assertThat(settings.revocationCodesPerAddress().attempts()).as("the others keep their defaults").isEqualTo(20);
    }

    @Test
    void aValueTheServerCannotUseStopsTheStartNamingTheProperty() {
        for (String bad : new String[] {"5", "0/PT1H", "5/PT0S", "five/PT1H", "5/1 hour", "5/-PT1H"}) {
            assertThatThrownBy(() -> bind(Map.of("cartes.rate-limits.unblock-requests-per-card", bad)))
                    .as(bad).isInstanceOf(BindException.class).hasMessageContaining("cartes.rate-limits.unblock-requests-per-card");
        }
    }

    private static RateLimitSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("cartes.rate-limits", RateLimitSettings.class);
    }
}
