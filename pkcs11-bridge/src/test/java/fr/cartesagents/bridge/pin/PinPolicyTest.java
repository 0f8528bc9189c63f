package fr.cartesagents.bridge.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.Pin;

class PinPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"2468", "1357", "0192", "12345670", "9870", "1123", "80808080"})
    void whenPinIsNotTrivial_thenAccepted(String digits) {
        assertThatCode(() -> PinPolicy.STANDARD.check(pin(digits))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "123|4 to 8 digits; this one has 3",
            "123456789|4 to 8 digits; this one has 9",
            "''|4 to 8 digits; this one has 0",
            "12a4|digits only",
            "１２３５|digits only",
            "0000|repeat one digit",
            "77777777|repeat one digit",
            "1234|run of consecutive digits",
            "0123|run of consecutive digits",
            "45678|run of consecutive digits",
            "4321|run of consecutive digits",
            "98765432|run of consecutive digits"})
    void whenPinBreaksARule_thenPinPolicyNamesTheRuleButNotThePin(String digits, String rule) {
        assertThatThrownBy(() -> PinPolicy.STANDARD.check(pin(digits)))
                .isInstanceOfSatisfying(CardException.class, e -> {
                    assertThat(e.failure()).isEqualTo(CardFailure.PIN_POLICY);
                    assertThat(e.getMessage()).contains(rule);
                    if (digits.length() >= 4) {
                        assertThat(e.getMessage()).doesNotContain(digits);
                    }
                });
    }

    @Test
    void whenNewPinIsTheCurrentOne_thenRefused() {
        assertThatThrownBy(() -> PinPolicy.STANDARD.check(pin("2468"), pin("2468")))
                .isInstanceOfSatisfying(CardException.class, e -> {
                    assertThat(e.failure()).isEqualTo(CardFailure.PIN_POLICY);
                    assertThat(e.getMessage()).contains("same as the current").doesNotContain("2468");
                });
        assertThatCode(() -> PinPolicy.STANDARD.check(pin("2468"), pin("2469"))).doesNotThrowAnyException();
    }

    @Test
    void whenChecked_thenThePinIsStillUsable() {
        Pin pin = pin("2468");
        PinPolicy.STANDARD.check(pin);
        assertThat(pin.toChars()).containsExactly('2', '4', '6', '8');
    }

    @Test
    void whenPolicyIsInconsistent_thenRefusedAtConstruction() {
        assertThatThrownBy(() -> new PinPolicy(6, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Pin pin(String digits) {
        return Pin.wrap(digits.toCharArray());
    }
}
