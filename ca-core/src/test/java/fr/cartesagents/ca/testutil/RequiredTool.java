package fr.cartesagents.ca.testutil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * An external program or library a test depends on. {@link #require()} finds it, or — since a test
 * that silently skips proves nothing — fails the test when the environment variable {@code CI} is
 * {@code true}; on a developer machine it aborts the test (JUnit assumption) and names the Debian
 * package to install.
 */
public record RequiredTool(String name, String debianPackage, List<Path> candidates) {

    public RequiredTool {
        candidates = List.copyOf(candidates);
    }

    /** The SoftHSM2 PKCS#11 module; {@code SOFTHSM2_MODULE} overrides the usual locations. */
    public static RequiredTool softHsm2() {
        List<Path> candidates = new ArrayList<>();
        String override = System.getenv("SOFTHSM2_MODULE");
        if (override != null && !override.isBlank()) {
            candidates.add(Path.of(override));
        }
        candidates.addAll(List.of(
                Path.of("/usr/lib/softhsm/libsofthsm2.so"),
                Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
                Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
                Path.of("/usr/lib64/pkcs11/libsofthsm2.so"),
                Path.of("/usr/local/lib/softhsm/libsofthsm2.so"),
                Path.of("/opt/homebrew/lib/softhsm/libsofthsm2.so")));
        return new RequiredTool("SoftHSM2 PKCS#11 module", "softhsm2", candidates);
    }

    public static RequiredTool openssl() {
        return onPath("openssl", "openssl");
    }

    /** OpenSC's generic PKCS#11 client. */
    public static RequiredTool pkcs11Tool() {
        return onPath("pkcs11-tool", "opensc");
    }

    public static RequiredTool softHsm2Util() {
        return onPath("softhsm2-util", "softhsm2");
    }

    /** An executable looked up in the directories of {@code PATH}. */
    public static RequiredTool onPath(String executable, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        List<Path> candidates = new ArrayList<>();
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                candidates.add(Path.of(directory, executable));
            }
        }
        return new RequiredTool(executable, debianPackage, candidates);
    }

    /** Where the tool is, if it is installed. */
    public Optional<Path> locate() {
        return candidates.stream().filter(Files::isRegularFile).filter(Files::isReadable).findFirst();
    }

    public boolean isAvailable() {
        return locate().isPresent();
    }

    /**
     * The tool's location.
     *
     * @throws AssertionError when it is missing and {@code CI=true}
     * @throws org.opentest4j.TestAbortedException when it is missing outside CI
     */
    public Path require() {
        Optional<Path> location = locate();
        if (location.isPresent()) {
            return location.get();
        }
        String message = name + " is not installed (install the Debian package '" + debianPackage
                + "': apt-get install " + debianPackage + ")";
        if (isCi()) {
            throw new AssertionError(message + "; CI=true, so this test fails instead of being skipped");
        }
        return Assumptions.abort(message);
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
