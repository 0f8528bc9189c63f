package fr.cartesagents.bridge.apdu;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * Sends commands the way ISO 7816-4 (section 5.1) expects a terminal to: it fetches the rest of a
 * long response with GET RESPONSE while the card answers {@code 61xx}, resends once with the exact
 * length when the card answers {@code 6Cxx}, and splits data longer than a short APDU into a command
 * chain (CLA bit {@code 0x10}) for cards that take no extended-length APDU.
 */
public final class ApduExchange {

    /** The largest data field of a short APDU. */
    public static final int SHORT_DATA_LIMIT = 255;
    /** The most a short Le asks for (Le = 00). */
    public static final int SHORT_RESPONSE_LIMIT = 256;

    private static final int CHAINING_BIT = 0x10;
    private static final int GET_RESPONSE = 0xC0;
    /** A faulty card could answer 61xx for ever: no response of ours is longer than this. */
    private static final int LONGEST_RESPONSE = 65536;

    private final ApduTransport transport;

    public ApduExchange(ApduTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Sends {@code command} as it is (short or extended length) and returns the whole response: the
     * data of every GET RESPONSE, and the status word of the last one.
     */
    public ResponseAPDU transmit(CommandAPDU command) {
        ResponseAPDU response = transport.transmit(command);
        StatusWord status = StatusWord.of(response);
        if (status.isWrongLe()) {
            int exactLength = status.sw2() == 0 ? SHORT_RESPONSE_LIMIT : status.sw2();
            response = transport.transmit(withNe(command, exactLength));
        }
        return collectRemainingBytes(command.getCLA(), response);
    }

    /**
     * Sends {@code command} with short APDUs only: its data travels in a chain of commands of at most
     * {@value #SHORT_DATA_LIMIT} bytes, all but the last with the chaining bit set; the response is
     * that of the last command. A card that refuses a link of the chain ends it: its status is returned.
     */
    public ResponseAPDU transmitChained(CommandAPDU command) {
        byte[] data = command.getData();
        int ne = Math.min(command.getNe(), SHORT_RESPONSE_LIMIT);
        if (data.length <= SHORT_DATA_LIMIT) {
            return transmit(shortForm(command.getCLA(), command, data, ne));
        }
        int offset = 0;
        while (data.length - offset > SHORT_DATA_LIMIT) {
            byte[] link = Arrays.copyOfRange(data, offset, offset + SHORT_DATA_LIMIT);
            ResponseAPDU response = transport.transmit(shortForm(command.getCLA() | CHAINING_BIT, command, link, 0));
            Arrays.fill(link, (byte) 0);
            if (!StatusWord.of(response).isSuccess()) {
                return response;
            }
            offset += SHORT_DATA_LIMIT;
        }
        byte[] last = Arrays.copyOfRange(data, offset, data.length);
        try {
            return transmit(shortForm(command.getCLA(), command, last, ne));
        } finally {
            Arrays.fill(last, (byte) 0);
            Arrays.fill(data, (byte) 0);
        }
    }

    private ResponseAPDU collectRemainingBytes(int cla, ResponseAPDU first) {
        StatusWord status = StatusWord.of(first);
        if (!status.isBytesRemaining()) {
            return first;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ResponseAPDU response = first;
        while (status.isBytesRemaining()) {
            data.writeBytes(response.getData());
            if (data.size() > LONGEST_RESPONSE) {
                throw new CardException(CardFailure.CARD_ERROR,
                        "The card keeps answering 61xx beyond " + LONGEST_RESPONSE + " bytes");
            }
            int ne = status.sw2() == 0 ? SHORT_RESPONSE_LIMIT : status.sw2();
            response = transport.transmit(new CommandAPDU(cla & ~CHAINING_BIT, GET_RESPONSE, 0, 0, ne));
            status = StatusWord.of(response);
        }
        data.writeBytes(response.getData());
        data.writeBytes(status.toBytes());
        return new ResponseAPDU(data.toByteArray());
    }

    private static CommandAPDU withNe(CommandAPDU command, int ne) {
        byte[] data = command.getData();
        return data.length == 0
                ? new CommandAPDU(command.getCLA(), command.getINS(), command.getP1(), command.getP2(), ne)
                : new CommandAPDU(command.getCLA(), command.getINS(), command.getP1(), command.getP2(), data, ne);
    }

    private static CommandAPDU shortForm(int cla, CommandAPDU header, byte[] data, int ne) {
        if (data.length == 0) {
            return ne == 0
                    ? new CommandAPDU(cla, header.getINS(), header.getP1(), header.getP2())
                    : new CommandAPDU(cla, header.getINS(), header.getP1(), header.getP2(), ne);
        }
        return new CommandAPDU(cla, header.getINS(), header.getP1(), header.getP2(), data, ne);
    }
}
