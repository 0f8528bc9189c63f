package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.simulator.Apdus.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.smartcardio.CommandAPDU;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fr.cartesagents.bridge.apdu.ApduExchange;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * Every status word the IAS-ECC commands of the PC/SC driver can meet on the card, provoked on the
 * simulated card, with the message and the failure the driver turns it into (a PIN at stake, or the
 * PUK / unblock key at stake for VERIFY of the PUK and EXTERNAL AUTHENTICATE). One row, one test.
 */
class IasEccCommandStatusWordsTest {

    private static final String PUK = "31415926";
    private static final byte[] UNBLOCK_KEY = HexFormat.of().parseHex("10AC1ACE07BF7D53E0FA97271F055719");

    private record Scenario(Consumer<ApduExchange> before, CommandAPDU command, boolean unblockSecretAtStake) {
    }

    static Stream<Arguments> scenarios() {
        Consumer<ApduExchange> nothing = exchange -> { };
        Consumer<ApduExchange> pinVerified = exchange -> exchange.transmit(Apdus.verifyPin("1234"));
        Consumer<ApduExchange> pinBlocked = exchange -> {
            for (int i = 0; i < 3; i++) {
                exchange.transmit(Apdus.verifyPin("0000"));
            }
        };
        Consumer<ApduExchange> pukBlocked = exchange -> {
            for (int i = 0; i < 10; i++) {
                exchange.transmit(Apdus.verify(0x82, "00000000"));
            }
        };
        return Stream.of(
                row("SELECT application", nothing, Apdus.selectApplication(), false, 0x9000, CardFailure.CARD_ERROR),
                row("SELECT unknown AID", nothing, new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, new byte[] {(byte) 0xA0, 0, 0, 0, 1}),
                        false, 0x6A82, CardFailure.NOT_SUPPORTED),
                row("SELECT bad P2", nothing, new CommandAPDU(0x00, 0xA4, 0x04, 0x07, new byte[] {1}), false, 0x6A86,
                        CardFailure.NOT_SUPPORTED),
                row("READ BINARY EF.SN short read", nothing, Apdus.readBinaryShortId(0x1C), false, 0x6282, CardFailure.CARD_ERROR),
                row("READ BINARY no current EF", nothing, Apdus.readBinary(0), false, 0x6986, CardFailure.CARD_ERROR),
                row("READ BINARY beyond the end", exchange -> exchange.transmit(Apdus.selectFile(0x3401)), Apdus.readBinary(10),
                        false, 0x6B00, CardFailure.CARD_ERROR),
                row("UPDATE BINARY without PIN", exchange -> exchange.transmit(Apdus.selectFile(0x3401)),
                        Apdus.updateBinary(0, new byte[] {1}), false, 0x6982, CardFailure.CARD_ERROR),
                row("UPDATE BINARY too large", pinVerified.andThen(exchange -> exchange.transmit(Apdus.selectFile(0x4401))),
                        Apdus.updateBinary(0, Apdus.filled(1025, 0)), false, 0x6A84, CardFailure.CARD_ERROR),
                row("VERIFY PIN status", nothing, Apdus.pinStatus(), false, 0x63C3, CardFailure.WRONG_PIN),
                row("VERIFY wrong PIN", nothing, Apdus.verifyPin("0000"), false, 0x63C2, CardFailure.WRONG_PIN),
                row("VERIFY malformed PIN", nothing, Apdus.verifyPin("12"), false, 0x6A80, CardFailure.PIN_POLICY),
                row("VERIFY blocked PIN", pinBlocked, Apdus.verifyPin("1234"), false, 0x6983, CardFailure.PIN_BLOCKED),
                row("VERIFY unknown reference", nothing, Apdus.verify(0x85, "1234"), false, 0x6A88, CardFailure.KEY_NOT_FOUND),
                row("VERIFY bad P1", nothing, new CommandAPDU(0x00, 0x20, 0x01, 0x81, ascii("1234")), false, 0x6A86,
                        CardFailure.NOT_SUPPORTED),
                row("VERIFY wrong PUK", nothing, Apdus.verify(0x82, "00000000"), true, 0x63C9, CardFailure.WRONG_UNBLOCK_SECRET),
                row("VERIFY blocked PUK", pukBlocked, Apdus.verify(0x82, PUK), true, 0x6983, CardFailure.UNBLOCK_SECRET_BLOCKED),
                row("CHANGE REFERENCE DATA wrong PIN", nothing, Apdus.changePin("9999", "5678"), false, 0x63C2, CardFailure.WRONG_PIN),
                row("CHANGE REFERENCE DATA bad new PIN", nothing, Apdus.changePin("1234", "56a8"), false, 0x6A80,
                        CardFailure.PIN_POLICY),
                row("CHANGE REFERENCE DATA blocked", pinBlocked, Apdus.changePin("1234", "5678"), false, 0x6983,
                        CardFailure.PIN_BLOCKED),
                row("VERIFY PUK status", nothing, Apdus.pukStatus(), true, 0x63CA, CardFailure.WRONG_UNBLOCK_SECRET),
                row("CHANGE REFERENCE DATA wrong PUK", nothing, Apdus.changePuk("27182818", "87654321"), true, 0x63C9,
                        CardFailure.WRONG_UNBLOCK_SECRET),
                row("CHANGE REFERENCE DATA bad new PUK", nothing, Apdus.changePuk(PUK, "8765"), true, 0x6A80, CardFailure.PIN_POLICY),
                row("CHANGE REFERENCE DATA blocked PUK", pukBlocked, Apdus.changePuk(PUK, "87654321"), true, 0x6983,
                        CardFailure.UNBLOCK_SECRET_BLOCKED),
                row("RESET RETRY COUNTER before the PUK", pinBlocked, Apdus.resetRetryCounter("5678"), false, 0x6982,
                        CardFailure.CARD_ERROR),
                row("RESET RETRY COUNTER bad new PIN", exchange -> exchange.transmit(Apdus.verify(0x82, PUK)),
                        Apdus.resetRetryCounter("5"), false, 0x6A80, CardFailure.PIN_POLICY),
                row("RESET RETRY COUNTER other reference", nothing, new CommandAPDU(0x00, 0x2C, 0x02, 0x82, ascii("5678")), false,
                        0x6A88, CardFailure.KEY_NOT_FOUND),
                row("GET CHALLENGE wrong Le", nothing, new CommandAPDU(0x00, 0x84, 0x00, 0x00, 4), false, 0x6C08,
                        CardFailure.CARD_ERROR),
                row("EXTERNAL AUTHENTICATE without challenge", nothing, Apdus.externalAuthenticate(new byte[16]), true, 0x6985,
                        CardFailure.CARD_ERROR),
                row("EXTERNAL AUTHENTICATE wrong response", exchange -> exchange.transmit(Apdus.getChallenge()),
                        Apdus.externalAuthenticate(new byte[16]), true, 0x63C9, CardFailure.WRONG_UNBLOCK_SECRET),
                row("EXTERNAL AUTHENTICATE wrong length", exchange -> exchange.transmit(Apdus.getChallenge()),
                        Apdus.externalAuthenticate(new byte[8]), true, 0x6700, CardFailure.CARD_ERROR),
                row("EXTERNAL AUTHENTICATE unknown key", nothing, new CommandAPDU(0x00, 0x82, 0x00, 0x84, new byte[16]), true, 0x6A88,
                        CardFailure.KEY_NOT_FOUND),
                row("GET DATA unknown SDO", nothing, Apdus.getData(0x10, 5, 0x7F48), false, 0x6A88, CardFailure.KEY_NOT_FOUND),
                row("GET DATA malformed", nothing, new CommandAPDU(0x00, 0xCB, 0x3F, 0xFF, new byte[] {0x4D, 0x00}, 256), false,
                        0x6A80, CardFailure.PIN_POLICY),
                row("GENERATE without PIN", nothing, Apdus.generate(1), false, 0x6982, CardFailure.CARD_ERROR),
                row("GENERATE unknown key", pinVerified, Apdus.generate(7), false, 0x6A88, CardFailure.KEY_NOT_FOUND),
                row("MSE SET DST with the authentication key", nothing, Apdus.mse(0xB6, 1, 0x42), false, 0x6985,
                        CardFailure.CARD_ERROR),
                row("MSE SET unknown key", nothing, Apdus.mse(0xA4, 9, 0x02), false, 0x6A88, CardFailure.KEY_NOT_FOUND),
                row("PSO HASH without DST", nothing, Apdus.psoHash(new byte[32]), false, 0x6985, CardFailure.CARD_ERROR),
                row("PSO HASH bad length", exchange -> exchange.transmit(Apdus.mse(0xB6, 2, 0x42)), Apdus.psoHash(new byte[20]), false,
                        0x6A80, CardFailure.PIN_POLICY),
                row("PSO CDS without hash", exchange -> exchange.transmit(Apdus.mse(0xB6, 2, 0x42)),
                        Apdus.psoComputeDigitalSignature(), false, 0x6985, CardFailure.CARD_ERROR),
                row("PSO CDS without PIN", exchange -> {
                    exchange.transmit(Apdus.mse(0xB6, 2, 0x42));
                    exchange.transmit(Apdus.psoHash(new byte[32]));
                }, Apdus.psoComputeDigitalSignature(), false, 0x6982, CardFailure.CARD_ERROR),
                row("PSO CDS before key generation", pinVerified.andThen(exchange -> {
                    exchange.transmit(Apdus.mse(0xB6, 2, 0x42));
                    exchange.transmit(Apdus.psoHash(new byte[32]));
                }), Apdus.psoComputeDigitalSignature(), false, 0x6A88, CardFailure.KEY_NOT_FOUND),
                row("INTERNAL AUTHENTICATE without AT", nothing, Apdus.internalAuthenticate(new byte[51]), false, 0x6985,
                        CardFailure.CARD_ERROR),
                row("INTERNAL AUTHENTICATE too long", exchange -> exchange.transmit(Apdus.mse(0xA4, 1, 0x02)),
                        Apdus.internalAuthenticate(new byte[246]), false, 0x6700, CardFailure.CARD_ERROR),
                row("unknown instruction", nothing, new CommandAPDU(0x00, 0x12, 0x00, 0x00), false, 0x6D00, CardFailure.NOT_SUPPORTED),
                row("unknown class", nothing, new CommandAPDU(0x80, 0x20, 0x00, 0x81), false, 0x6E00, CardFailure.NOT_SUPPORTED));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("scenarios")
    void whenTheCardAnswersAStatusWord_thenTheDriverHasAMessageAndAFailureForIt(String name, Scenario scenario, String expectedHex,
            CardFailure expectedFailure) {
        SimulatedCard card = SimulatedCard.inMemory(
                SimulatedCardState.issue(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, ascii("1234"), ascii(PUK)).withUnblockKey(UNBLOCK_KEY));
        ApduExchange exchange = new ApduExchange(card);
        exchange.transmit(Apdus.selectApplication());
        scenario.before().accept(exchange);

        StatusWord status = new StatusWord(card.transmit(scenario.command()).getSW());

        assertThat(status.hex()).isEqualTo(expectedHex);
        assertThat(status.message()).isNotEqualTo("unknown status");
        assertThat(scenario.unblockSecretAtStake() ? status.unblockSecretFailure() : status.failure()).isEqualTo(expectedFailure);
        if (!status.isSuccess()) {
            assertThat(scenario.unblockSecretAtStake() ? status.toUnblockSecretException(name) : status.toException(name))
                    .hasMessageNotContaining("unknown status");
        }
    }

    private static Arguments row(String name, Consumer<ApduExchange> before, CommandAPDU command, boolean unblockSecretAtStake,
            int statusWord, CardFailure failure) {
        return Arguments.of(name, new Scenario(before, command, unblockSecretAtStake), String.format("%04X", statusWord), failure);
    }
}
