package fr.cartesagents.ra.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this JVM runs as, as far as PostgreSQL's "not as root" rule is concerned. */
final class ProcessUser {

    private ProcessUser() {
    }

    static boolean isRoot() {
        try {
            // /proc/self belongs to the effective user of the process.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
