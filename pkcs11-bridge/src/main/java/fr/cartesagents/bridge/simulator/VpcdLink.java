package fr.cartesagents.bridge.simulator;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.smartcardio.CommandAPDU;

import jdk.net.ExtendedSocketOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link SimulatedCard} into the virtual reader of vsmartcard's {@code vpcd} driver, which
 * pcscd loads: the card side is a TCP client of the driver (127.0.0.1:35963 for the reader "Virtual
 * PCD 00 00"), every message a 2-byte big-endian length then its bytes. A 1-byte message is a control
 * (0 power off, 1 power on, 2 reset, 4 send the ATR); anything longer is a command APDU, answered by
 * the response APDU. Opening the link inserts the card; closing it removes the card.
 */
public final class VpcdLink implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** vpcd's port for its first reader, "Virtual PCD 00 00" (the second one listens on the next port). */
    public static final int DEFAULT_PORT = 0x8C7B;

    private static final Logger LOG = LoggerFactory.getLogger(VpcdLink.class);
    private static final boolean QUICK_ACK_SUPPORTED = quickAckSupported();
    private static final int POWER_OFF = 0;
    private static final int POWER_ON = 1;
    private static final int RESET = 2;
    private static final int SEND_ATR = 4;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final SimulatedCard card;
    private final Socket socket;
    private final Thread reader;
    private final CountDownLatch disconnected = new CountDownLatch(1);
    private volatile Predicate<CommandAPDU> unplugTrigger = command -> false;

    private VpcdLink(SimulatedCard card, Socket socket) {
        this.card = card;
        this.socket = socket;
        this.reader = new Thread(this::serve, "vpcd-link-" + socket.getPort());
        this.reader.setDaemon(true);
    }

    /**
     * Connects {@code card} to vpcd at {@code host:port}, trying again until {@code patience} has
     * passed (pcscd may still be loading the driver).
     *
     * @throws UncheckedIOException when nothing listens there in time
     */
    public static VpcdLink connect(SimulatedCard card, String host, int port, Duration patience) {
        Objects.requireNonNull(card, "card");
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, patience.toMillis()));
                VpcdLink link = new VpcdLink(card, socket);
                link.reader.start();
                LOG.info("Simulated card inserted into the virtual reader at {}:{}", host, port);
                return link;
            } catch (IOException e) {
                closeQuietly(socket);
                if (Instant.now().isAfter(deadline)) {
                    throw new UncheckedIOException("No vpcd virtual reader listens on " + host + ":" + port
                            + " (is pcscd running with the vsmartcard-vpcd driver?)", e);
                }
                sleep(RETRY_PAUSE);
            }
        }
    }

    /**
     * When a command matching {@code trigger} arrives, the card leaves the reader before answering,
     * as when someone pulls it out in the middle of an operation.
     */
    public void unplugOn(Predicate<CommandAPDU> trigger) {
        this.unplugTrigger = Objects.requireNonNull(trigger, "trigger");
    }

    public boolean isConnected() {
        return disconnected.getCount() > 0;
    }

    /** Waits until the card leaves the reader (link closed, or pcscd gone). */
    public boolean awaitDisconnection(Duration timeout) throws InterruptedException {
        return disconnected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void awaitDisconnection() throws InterruptedException {
        disconnected.await();
    }

    /** Removes the card from the reader. */
    @Override
    public void close() {
        closeQuietly(socket);
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * vpcd writes the length and the APDU in two segments without TCP_NODELAY, so Nagle holds the
     * APDU back until the length is acknowledged, and Linux delays that acknowledgement by up to
     * 40 ms: about 50 ms per APDU that no real reader has. TCP_QUICKACK removes the wait; the kernel
     * clears it after each acknowledgement, hence before every read. Where the option does not
     * exist, the link just stays slow.
     */
    private void acknowledgeAtOnce() {
        if (QUICK_ACK_SUPPORTED) {
            try {
                socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException | UnsupportedOperationException e) {
                // Only a matter of speed.
            }
        }
    }

    private void serve() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (true) {
                acknowledgeAtOnce();
                int length = in.readUnsignedShort();
                acknowledgeAtOnce();
                byte[] message = new byte[length];
                in.readFully(message);
                if (message.length == 1) {
                    control(message[0] & 0xFF, out);
                } else if (message.length > 1) {
                    if (unplugTrigger.test(new CommandAPDU(message))) {
                        LOG.info("Simulated card pulled out of the reader in the middle of an operation");
                        return;
                    }
                    send(out, card.transmit(message));
                }
            }
        } catch (EOFException | SocketException e) {
            // The reader went away, or close() removed the card.
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Virtual reader link failed: {}", e.toString());
        } finally {
            closeQuietly(socket);
            card.powerOff();
            disconnected.countDown();
            LOG.info("Simulated card removed from the virtual reader");
        }
    }

    private void control(int code, DataOutputStream out) throws IOException {
        switch (code) {
            case POWER_OFF -> card.powerOff();
            case POWER_ON -> card.powerOn();
            case RESET -> card.reset();
            case SEND_ATR -> send(out, card.atr());
            default -> LOG.warn("Unknown vpcd control {}", code);
        }
    }

    private static void send(DataOutputStream out, byte[] message) throws IOException {
        out.writeShort(message.length);
        out.write(message);
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("Interrupted while waiting for vpcd"));
        }
    }

    private static boolean quickAckSupported() {
        try (Socket probe = new Socket()) {
            return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
