package fr.cartesagents.bridge.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.card.KeyRole;
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
            CommandAPDU challengeWithShortLe = new CommandAPDU(0x00, 0x84, 0x00, 0x00, 2);

            assertThat(transport.transmit(challengeWithShortLe).getSW()).isEqualTo(0x6C08);
            assertThat(exchange.transmit(challengeWithShortLe).getData()).hasSize(8);

            exchange.transmit(AgentCardCommands.selectApplication());
            byte[] pin = {'1', '2', '3', '4'};
            assertThat(exchange.transmit(AgentCardCommands.verify(AgentCardLayout.USER_PIN_REFERENCE, pin)).getSW()).isEqualTo(0x9000);
            assertThat(exchange.transmit(AgentCardCommands.generateKeyPair(AgentCardLayout.keyReference(KeyRole.AUTHENTICATION))).getSW()).isEqualTo(0x9000);
            ResponseAPDU publicKey = exchange.transmit(AgentCardCommands.readPublicKey(AgentCardLayout.keyReference(KeyRole.AUTHENTICATION)));
            assertThat(publicKey.getSW()).isEqualTo(0x9000);
            assertThat(publicKey.getData()).hasSizeGreaterThan(256);

            exchange.transmit(AgentCardCommands.selectFile(AgentCardLayout.certificateFileId(KeyRole.AUTHENTICATION)));
            byte[] contents = new byte[700];
            java.util.Arrays.fill(contents, (byte) 0x30);
            assertThat(exchange.transmitChained(AgentCardCommands.updateBinary(0, contents)).getSW()).isEqualTo(0x9000);
            assertThat(exchange.transmit(AgentCardCommands.readBinary(512)).getData())
                    .isEqualTo(java.util.Arrays.copyOfRange(contents, 512, 700));
        } finally {
            card.disconnect(true);
        }
    }
}
