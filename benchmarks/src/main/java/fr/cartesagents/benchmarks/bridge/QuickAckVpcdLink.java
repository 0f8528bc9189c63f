package fr.cartesagents.benchmarks.bridge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import jdk.net.ExtendedSocketOptions;

import fr.cartesagents.bridge.simulator.SimulatedCard;
import fr.cartesagents.bridge.simulator.VpcdLink;

/**
 * The card side of vpcd's protocol (as {@link VpcdLink}: 2-byte length, then the message; 1-byte
 * messages are controls), acknowledging every TCP segment at once. vpcd sends the length and the
 * APDU in two writes without TCP_NODELAY, so Nagle holds the APDU back until the length is
 * acknowledged, and Linux delays that acknowledgement up to 40 ms: about 50 ms per APDU that no
 * reader has. TCP_QUICKACK, set again before every read because the kernel clears it, removes that
 * wait, so that the benchmark compares the driver with the raw APDUs on a fast transport.
 */
final class QuickAckVpcdLink implements AutoCloseable {

    private static final int POWER_OFF = 0;
    private static final int POWER_ON = 1;
    private static final int RESET = 2;
    private static final int SEND_ATR = 4;

    private final SimulatedCard card;
    private final Socket socket;
    private final Thread server;

    private QuickAckVpcdLink(SimulatedCard card, Socket socket) {
        this.card = card;
        this.socket = socket;
        this.server = new Thread(this::serve, "vpcd-quick-ack-" + socket.getPort());
        this.server.setDaemon(true);
    }

    /** Inserts {@code card} into the vpcd reader listening on {@code port} of the loopback. */
    static QuickAckVpcdLink connect(SimulatedCard card, int port) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(VpcdLink.DEFAULT_HOST, port));
        } catch (IOException e) {
            throw new UncheckedIOException("No vpcd virtual reader listens on port " + port, e);
        }
        QuickAckVpcdLink link = new QuickAckVpcdLink(card, socket);
        link.server.start();
        return link;
    }

    /** Removes the card. */
    @Override
    public void close() {
        try {
            socket.close();
            server.join(5000);
        } catch (IOException e) {
            // Already closed.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            while (true) {
                socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
                int length = in.readUnsignedShort();
                socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
                byte[] message = new byte[length];
                in.readFully(message);
                byte[] answer = message.length == 1 ? control(message[0]) : card.transmit(message);
                if (answer != null) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // The reader went away, or close() removed the card.
        } finally {
            card.powerOff();
        }
    }

    private byte[] control(byte code) {
        switch (code) {
            case POWER_OFF -> card.powerOff();
            case POWER_ON -> card.powerOn();
            case RESET -> card.reset();
            case SEND_ATR -> {
                return card.atr();
            }
            default -> {
                // vpcd sends no other control.
            }
        }
        return null;
    }
}
