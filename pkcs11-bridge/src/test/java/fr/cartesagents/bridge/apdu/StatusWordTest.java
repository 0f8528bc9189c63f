package fr.cartesagents.bridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

class StatusWordTest {

    @ParameterizedTest
    @CsvSource({
            "9000, CARD_ERROR, success",
            "63C2, WRONG_PIN, 'verification failed, 2 tries left'",
            "6983, PIN_BLOCKED, authentication method blocked",
            "6982, CARD_ERROR, security status not satisfied (PIN not verified)",
            "6985, CARD_ERROR, conditions of use not satisfied",
            "6A80, PIN_POLICY, incorrect parameters in the data field",
            "6A82, NOT_SUPPORTED, file or application not found",
            "6A86, NOT_SUPPORTED, incorrect parameters P1-P2",
            "6A88, KEY_NOT_FOUND, referenced data or reference data not found",
            "6D00, NOT_SUPPORTED, instruction not supported",
            "6E00, NOT_SUPPORTED, class not supported",
            "6700, CARD_ERROR, wrong length",
            "6B00, CARD_ERROR, wrong parameters (offset outside the EF)",
            "6C10, CARD_ERROR, 'wrong Le field, the exact length is 16'",
            "6100, CARD_ERROR, 256 or more bytes wait for GET RESPONSE",
            "6F00, CARD_ERROR, no precise diagnosis",
            "6282, CARD_ERROR, end of file reached before reading the expected number of bytes",
            "6281, CARD_ERROR, part of the returned data may be corrupted",
            "6283, CARD_ERROR, selected file deactivated",
            "63C0, WRONG_PIN, 'verification failed, 0 tries left'",
            "6581, CARD_ERROR, memory failure",
            "6881, NOT_SUPPORTED, logical channel not supported",
            "6882, NOT_SUPPORTED, secure messaging not supported",
            "6883, CARD_ERROR, last command of the chain expected",
            "6884, NOT_SUPPORTED, command chaining not supported",
            "6981, CARD_ERROR, command incompatible with the file structure",
            "6984, CARD_ERROR, reference data not usable",
            "6986, CARD_ERROR, command not allowed (no current EF)",
            "6987, NOT_SUPPORTED, expected secure messaging data objects missing",
            "6988, NOT_SUPPORTED, incorrect secure messaging data objects",
            "6A81, NOT_SUPPORTED, function not supported",
            "6A83, CARD_ERROR, record not found",
            "6A84, CARD_ERROR, not enough memory space in the file",
            "6A42, CARD_ERROR, unknown status"})
    void whenTheCardAnswersAStatusWord_thenItHasAMessageAndAFailure(String hex, CardFailure failure, String message) {
        StatusWord status = new StatusWord(Integer.parseInt(hex, 16));

        assertThat(status.message()).isEqualTo(message);
        assertThat(status.failure()).isEqualTo(failure);
        assertThat(status.hex()).isEqualTo(hex);
    }

    @Test
    void whenThePinIsWrong_thenTheExceptionCarriesTheTriesLeft() {
        CardException wrong = StatusWord.verificationFailed(1).toException("VERIFY");

        assertThat(wrong.failure()).isEqualTo(CardFailure.WRONG_PIN);
        assertThat(wrong.triesLeft()).hasValue(1);
        assertThat(wrong.getMessage()).contains("1 try left");
    }

    @Test
    void whenThePukIsAtStake_then63CxAnd6983NameTheUnblockSecret() {
        CardException wrong = StatusWord.verificationFailed(9).toUnblockSecretException("RESET RETRY COUNTER");
        CardException blocked = StatusWord.AUTHENTICATION_METHOD_BLOCKED.toUnblockSecretException("RESET RETRY COUNTER");

        assertThat(wrong.failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET);
        assertThat(wrong.triesLeft()).hasValue(9);
        assertThat(blocked.failure()).isEqualTo(CardFailure.UNBLOCK_SECRET_BLOCKED);
    }

    @Test
    void whenAnyOtherStatusFails_thenTheMessageNamesTheOperationAndTheStatus() {
        CardException failure = StatusWord.FILE_NOT_FOUND.toException("SELECT");

        assertThat(failure.failure()).isEqualTo(CardFailure.NOT_SUPPORTED);
        assertThat(failure.getMessage()).isEqualTo("SELECT failed: file or application not found (6A82)");
        assertThat(failure.triesLeft()).isEmpty();
    }

    @Test
    void whenAStatusWordIsBuiltFromItsBytes_thenTheTriesLeftAreReadOnlyFrom63Cx() {
        assertThat(StatusWord.of(0x63, 0xC0).triesLeft()).hasValue(0);
        assertThat(StatusWord.of(0x63, 0x00).triesLeft()).isEmpty();
        assertThat(StatusWord.bytesRemaining(300)).isEqualTo(new StatusWord(0x6100));
        assertThat(StatusWord.SUCCESS.toBytes()).containsExactly(0x90, 0x00);
    }
}
