package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.database.ApiCallLimits;

/**
 * The listener limits and the API call limit are two settings: {@code cartes.http.body-timeout}
 * (receiving a request body) and {@code cartes.http.api-call-timeout} (answering an API call). The
 * former {@code cartes.http.request-timeout}, which meant both, stops the start with a message
 * naming the two, rather than being read with one meaning by a configuration written for the other.
 */
class ListenerLimitsTest {

    private static final Duration SECONDS_30 = Duration.ofSeconds(30);

    @Test
    void whenTheFormerRequestTimeoutIsSet_thenTheStartStopsNamingBothNewSettings() {
        assertThatThrownBy(() -> new ListenerLimits(SECONDS_30, SECONDS_30, Duration.ofMinutes(2), 2000, Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cartes.http.request-timeout")
                .hasMessageContaining("cartes.http.body-timeout")
                .hasMessageContaining("cartes.http.api-call-timeout");
    }

    @Test
    void whenEachSettingIsGiven_thenEachKeepsItsOwnValue() {
        ListenerLimits listeners = new ListenerLimits(SECONDS_30, SECONDS_30, Duration.ofMinutes(3), 2000, null);
        ApiCallLimits calls = new ApiCallLimits(Duration.ofSeconds(9));

        assertThat(listeners.bodyTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(calls.apiCallTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThatThrownBy(() -> new ListenerLimits(SECONDS_30, SECONDS_30, Duration.ZERO, 2000, null))
                .hasMessageContaining("cartes.http.body-timeout");
        assertThatThrownBy(() -> new ApiCallLimits(Duration.ZERO)).hasMessageContaining("cartes.http.api-call-timeout");
    }
}
