package fr.cartesagents.bridge.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import javax.smartcardio.TerminalFactory;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * Prepares {@code javax.smartcardio} before its first use. The JDK looks for libpcsclite under a
 * name Debian does not ship ({@code libpcsclite.so} rather than {@code libpcsclite.so.1}), so the
 * library is located here unless {@value #LIBRARY_PROPERTY} is already set. The JDK's own GET
 * RESPONSE / 6Cxx handling is turned off so that {@link fr.cartesagents.bridge.apdu.ApduExchange}
 * alone does it, the same way on every transport.
 */
public final class PcscLibrary {

    public static final String LIBRARY_PROPERTY = "sun.security.smartcardio.library";
    private static final String T0_GET_RESPONSE = "sun.security.smartcardio.t0GetResponse";
    private static final String T1_GET_RESPONSE = "sun.security.smartcardio.t1GetResponse";
    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so.1"),
            Path.of("/lib/x86_64-linux-gnu/libpcsclite.so.1"),
            Path.of("/lib/aarch64-linux-gnu/libpcsclite.so.1"),
            Path.of("/usr/lib64/libpcsclite.so.1"),
            Path.of("/usr/lib/libpcsclite.so.1"),
            Path.of("/usr/local/lib/libpcsclite.so.1"));

    private PcscLibrary() {
    }

    /** Sets the library path and response handling, unless the user set them; idempotent. */
    public static synchronized void configure() {
        if (System.getProperty(LIBRARY_PROPERTY) == null) {
            locate().ifPresent(library -> System.setProperty(LIBRARY_PROPERTY, library.toString()));
        }
        if (System.getProperty(T0_GET_RESPONSE) == null) {
            System.setProperty(T0_GET_RESPONSE, "false");
        }
        if (System.getProperty(T1_GET_RESPONSE) == null) {
            System.setProperty(T1_GET_RESPONSE, "false");
        }
    }

    /** Where libpcsclite is on this machine, if it is installed. */
    public static Optional<Path> locate() {
        return CANDIDATES.stream().filter(Files::isReadable).findFirst();
    }

    /**
     * A fresh PC/SC terminal factory. Not {@link TerminalFactory#getDefault()}: that one is decided
     * once per JVM, and stays "None" for good if pcscd was not running at that moment.
     *
     * @throws CardException {@link CardFailure#NO_READER} when PC/SC cannot be reached
     */
    public static TerminalFactory terminalFactory() {
        configure();
        try {
            return TerminalFactory.getInstance("PC/SC", null);
        } catch (NoSuchAlgorithmException e) {
            throw new CardException(CardFailure.NO_READER, unavailableMessage(e), e);
        }
    }

    private static String unavailableMessage(NoSuchAlgorithmException e) {
        if (locate().isEmpty() && System.getProperty(LIBRARY_PROPERTY) == null) {
            return "PC/SC is not installed: libpcsclite was not found (Debian: apt-get install libpcsclite1 pcscd)";
        }
        String reason = PcscFailures.pcscCode(e).orElse(String.valueOf(e.getMessage()));
        if (reason.contains("SCARD_E_NO_SERVICE") || reason.contains("SCARD_E_SERVICE_STOPPED")) {
            return "The PC/SC service is not running: start pcscd (Debian: apt-get install pcscd)";
        }
        return "PC/SC is not available: " + reason;
    }
}
