package fr.cartesagents.bridge.localapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LocalApiSettingsTest {

    private static final Path TOKEN = Path.of("token");

    @Test
    void whenAnOriginIsGiven_thenItIsKeptAsTheBrowserSerialisesIt() {
        LocalApiSettings settings = new LocalApiSettings(0, Set.of("HTTPS://Portail.Example.FR:443", "http://localhost:8080"),
                4096, TOKEN);
        assertThat(settings.portalOrigins()).containsExactlyInAnyOrder("https://portail.example.fr", "http://localhost:8080");
        assertThat(LocalApiSettings.canonicalOrigin("https://portail.example.fr:8443")).isEqualTo("https://portail.example.fr:8443");
    }

    @Test
    void whenAnOriginIsAWildcardAPathOrNotHttp_thenTheStartIsRefused() {
        for (String origin : new String[] {"*", "https://*.example.fr", "https://portail.example.fr/", "https://portail.example.fr/a",
                "https://user@portail.example.fr", "ftp://portail.example.fr", "portail.example.fr", "null"}) {
            assertThatThrownBy(() -> LocalApiSettings.canonicalOrigin(origin)).as(origin).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new LocalApiSettings(0, Set.of(), 4096, TOKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalApiSettings(65536, Set.of("https://a.fr"), 4096, TOKEN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenAPairingCodeIsRedeemed_thenOnceRightItIsUsed_andFiveWrongCloseIt() {
        PairingCode code = PairingCode.draw();
        assertThat(code.display()).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
        assertThat(code.redeem(code.display().toLowerCase().replace("-", " "))).isEqualTo(PairingCode.Outcome.ACCEPTED);
        assertThat(code.redeem(code.display())).isEqualTo(PairingCode.Outcome.NOT_OPEN);
        PairingCode guessed = PairingCode.draw();
        for (int i = 0; i < PairingCode.MAX_WRONG_TRIES; i++) {
            assertThat(guessed.redeem("")).isEqualTo(PairingCode.Outcome.WRONG);
        }
        assertThat(guessed.state()).isEqualTo(PairingCode.State.CLOSED);
        assertThat(guessed.redeem(guessed.display())).isEqualTo(PairingCode.Outcome.NOT_OPEN);
    }
}
