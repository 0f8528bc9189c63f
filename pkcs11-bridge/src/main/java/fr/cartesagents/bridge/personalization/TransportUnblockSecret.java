package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import fr.cartesagents.bridge.card.Pin;

/**
 * The unblock secret (PUK, or SO PIN of a PKCS#11 token) that blank cards of a batch leave the
 * manufacturer with, which the operators receive with the batch: the personalization replaces it
 * with the card's own PUK from the registration authority. Read from a file or an environment
 * variable when needed, never from the command line (visible to every user of the workstation in the
 * process list) and never logged.
 */
@FunctionalInterface
public interface TransportUnblockSecret {

    /**
     * The secret, read now (the caller closes it).
     *
     * @throws Unreadable if it cannot be read, with a message that names where it was looked for
     */
    Pin read();

    /** The secret is not where the bridge was told to find it. */
    final class Unreadable extends RuntimeException {

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The first line of {@code file}. */
    static TransportUnblockSecret inFile(Path file) {
        Objects.requireNonNull(file, "file");
        return () -> {
            char[] secret;
            try {
                secret = SecretFiles.firstLine(file);
            } catch (IOException e) {
                throw new Unreadable("Cannot read the transport unblock code file " + file + ": " + e.getMessage(), e);
            }
            return nonEmpty(secret, "the file " + file);
        };
    }

    /** The value of the environment variable {@code name}. */
    static TransportUnblockSecret inEnvironment(String name) {
        Objects.requireNonNull(name, "name");
        return () -> {
            String value = System.getenv(name);
            return nonEmpty(value == null ? new char[0] : value.strip().toCharArray(), "the environment variable " + name);
        };
    }

    private static Pin nonEmpty(char[] secret, String where) {
        if (secret.length == 0) {
            throw new Unreadable("No transport unblock code in " + where, null);
        }
        return Pin.wrap(secret);
    }
}
