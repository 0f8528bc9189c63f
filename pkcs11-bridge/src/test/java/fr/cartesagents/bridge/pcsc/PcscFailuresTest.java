package fr.cartesagents.bridge.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import javax.smartcardio.CardException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.cartesagents.bridge.card.CardFailure;

/** What the JDK reports (its exception messages hold the PC/SC code) and what a person is told. */
class PcscFailuresTest {

    @ParameterizedTest
    @CsvSource({
            "SCARD_E_NO_SERVICE, NO_READER",
            "SCARD_E_SERVICE_STOPPED, NO_READER",
            "SCARD_E_NO_READERS_AVAILABLE, NO_READER",
            "SCARD_E_UNKNOWN_READER, NO_READER",
            "SCARD_E_READER_UNAVAILABLE, NO_READER",
            "SCARD_E_SHARING_VIOLATION, CARD_ERROR",
            "SCARD_W_RESET_CARD, CARD_ERROR",
            "SCARD_F_COMM_ERROR, MIDDLEWARE_ERROR"})
    void whenPcscFails_thenTheFailureIsOneAPersonCanActOn(String code, CardFailure expected) {
        CardException failure = new CardException("list() failed", new CardException(code));

        assertThat(PcscFailures.translate("Listing the card readers", failure).failure()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"SCARD_E_NO_SMARTCARD", "SCARD_W_REMOVED_CARD", "SCARD_W_UNPOWERED_CARD"})
    void whenConnectingFindsNoCard_thenNoCard(String code) {
        CardException failure = new CardException("connect() failed", new CardException(code));

        assertThat(PcscFailures.whileConnecting("Lecteur", failure).failure()).isEqualTo(CardFailure.NO_CARD);
    }

    @ParameterizedTest
    @CsvSource({"SCARD_W_REMOVED_CARD, true", "SCARD_E_NOT_TRANSACTED, false"})
    void whenAnExchangeFailsAndTheCardLeft_thenCardRemoved(String code, boolean stillPresent) {
        CardException failure = new CardException("transmit() failed", new CardException(code));

        assertThat(PcscFailures.duringOperation("Lecteur", failure, stillPresent).failure()).isEqualTo(CardFailure.CARD_REMOVED);
    }
}
