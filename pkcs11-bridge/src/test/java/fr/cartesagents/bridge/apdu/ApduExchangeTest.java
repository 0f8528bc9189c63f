package fr.cartesagents.bridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.junit.jupiter.api.Test;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * The exchange against small scripted cards; the same mechanisms run against the card simulator
 * through pcscd in the PC/SC driver tests.
 */
class ApduExchangeTest {

    private final List<CommandAPDU> sent = new ArrayList<>();

    @Test
    void whenTheCardAnswers61xx_thenGetResponseFetchesTheRestAndTheDataIsJoined() {
        byte[] whole = sequence(300);
        ApduExchange exchange = new ApduExchange(recording(command -> switch (sent.size()) {
            case 1 -> response(Arrays.copyOfRange(whole, 0, 256), 0x61, 44);
            case 2 -> response(Arrays.copyOfRange(whole, 256, 300), 0x90, 0x00);
            default -> throw new AssertionError("unexpected " + command);
        }));

        ResponseAPDU response = exchange.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, 256));

        assertThat(response.getData()).isEqualTo(whole);
        assertThat(response.getSW()).isEqualTo(0x9000);
        assertThat(sent.get(1).getBytes()).containsExactly(0x00, 0xC0, 0x00, 0x00, 44);
    }

    @Test
    void whenTheCardAnswers6Cxx_thenTheCommandIsResentOnceWithTheExactLength() {
        ApduExchange exchange = new ApduExchange(recording(command -> command.getNe() == 8
                ? response(sequence(8), 0x90, 0x00)
                : response(new byte[0], 0x6C, 8)));

        ResponseAPDU response = exchange.transmit(new CommandAPDU(0x00, 0xCA, 0x00, 0x5A, 2));

        assertThat(response.getData()).isEqualTo(sequence(8));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getBytes()).containsExactly(0x00, 0xCA, 0x00, 0x5A, 8);
    }

    @Test
    void whenTheDataIsLongerThanAShortApdu_thenItTravelsInAChainWithTheChainingBit() {
        byte[] data = sequence(600);
        ApduExchange exchange = new ApduExchange(recording(command -> response(new byte[0], 0x90, 0x00)));

        ResponseAPDU response = exchange.transmitChained(new CommandAPDU(0x00, 0xD6, 0x00, 0x00, data));

        assertThat(response.getSW()).isEqualTo(0x9000);
        assertThat(sent).extracting(CommandAPDU::getCLA).containsExactly(0x10, 0x10, 0x00);
        assertThat(sent).extracting(command -> command.getData().length).containsExactly(255, 255, 90);
        assertThat(sent).allSatisfy(command -> assertThat(command.getBytes().length).isLessThanOrEqualTo(5 + 255 + 1));
        byte[] joined = new byte[600];
        int offset = 0;
        for (CommandAPDU link : sent) {
            System.arraycopy(link.getData(), 0, joined, offset, link.getData().length);
            offset += link.getData().length;
        }
        assertThat(joined).isEqualTo(data);
    }

    @Test
    void whenTheCardRefusesALinkOfTheChain_thenTheChainStopsWithItsStatus() {
        ApduExchange exchange = new ApduExchange(recording(command -> response(new byte[0], 0x6A, 0x84)));

        ResponseAPDU response = exchange.transmitChained(new CommandAPDU(0x00, 0xD6, 0x00, 0x00, sequence(600)));

        assertThat(response.getSW()).isEqualTo(0x6A84);
        assertThat(sent).hasSize(1);
    }

    @Test
    void whenTheCardAnswers61xxForEver_thenTheExchangeGivesUp() {
        ApduExchange exchange = new ApduExchange(recording(command -> response(sequence(256), 0x61, 0x00)));

        assertThatThrownBy(() -> exchange.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, 256)))
                .isInstanceOf(CardException.class)
                .extracting(failure -> ((CardException) failure).failure()).isEqualTo(CardFailure.CARD_ERROR);
    }

    private ApduTransport recording(ApduTransport card) {
        return command -> {
            sent.add(command);
            return card.transmit(command);
        };
    }

    private static ResponseAPDU response(byte[] data, int sw1, int sw2) {
        byte[] bytes = Arrays.copyOf(data, data.length + 2);
        bytes[data.length] = (byte) sw1;
        bytes[data.length + 1] = (byte) sw2;
        return new ResponseAPDU(bytes);
    }

    private static byte[] sequence(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
