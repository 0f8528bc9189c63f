package fr.cartesagents.bridge.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.ApduExchange;
import fr.cartesagents.bridge.testsupport.PcscRig;

/**
 * The exchange's 6Cxx retry, GET RESPONSE and command chaining through pcscd, the JDK's own handling
 * being turned off by {@link PcscLibrary}.
 */
class ApduExchangeOverPcscTest {

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @Test
    void whenLeIsTooShortOrTheResponseTooLong_thenTheExchangeRetriesAndFetchesTheRest() throws Exception {
        CardTerminal terminal = PcscReaders.terminal(rig.readerName());
        Card card = terminal.connect("*");
        try {
            PcscTransport transport = new PcscTransport(terminal, card);
            ApduExchange exchange = new ApduExchange(transport);
            CommandAPDU serialWithShortLe = new CommandAPDU(0x00, 0xCA, 0x00, 0x5A, 2);

            assertThat(transport.transmit(serialWithShortLe).getSW()).isEqualTo(0x6C08);
            assertThat(exchange.transmit(serialWithShortLe).getData()).isEqualTo(rig.card().state().serialNumber());

            exchange.transmit(AgentCardCommands.selectApplication());
            byte[] pin = {'1', '2', '3', '4', -1, -1, -1, -1};
            assertThat(exchange.transmit(AgentCardCommands.verifyUserPin(pin)).getSW()).isEqualTo(0x9000);
            ResponseAPDU generated = exchange.transmit(new CommandAPDU(0x00, 0x47, AgentCardLayout.GENERATE, 0x00,
                    new byte[] {(byte) 0xB6, 0x03, (byte) 0x84, 0x01, 0x01}, 256));
            assertThat(generated.getSW()).isEqualTo(0x9000);
            assertThat(generated.getData()).hasSizeGreaterThan(256);

            exchange.transmit(AgentCardCommands.selectCertificateFile(fr.cartesagents.bridge.card.KeyRole.AUTHENTICATION));
            byte[] contents = new byte[700];
            java.util.Arrays.fill(contents, (byte) 0x30);
            assertThat(exchange.transmitChained(AgentCardCommands.updateBinary(contents)).getSW()).isEqualTo(0x9000);
            assertThat(exchange.transmit(AgentCardCommands.readBinary(0)).getData()).isEqualTo(contents);
        } finally {
            card.disconnect(true);
        }
    }
}
