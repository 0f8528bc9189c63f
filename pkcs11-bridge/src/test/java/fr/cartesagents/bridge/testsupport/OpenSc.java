package fr.cartesagents.bridge.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.testutil.ProcessRunner;
import fr.cartesagents.ca.testutil.RequiredTool;

/**
 * OpenSC's own tools and PKCS#11 module, the independent oracle of the PC/SC path: a card they read
 * as IAS-ECC is IAS-ECC for middleware, not only for our driver. Missing OpenSC fails the test in
 * CI and skips it elsewhere, naming the Debian package {@code opensc}.
 */
public final class OpenSc {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private OpenSc() {
    }

    /** opensc-pkcs11.so, OpenSC's PKCS#11 module. */
    public static Path pkcs11Module() {
        List<Path> candidates = List.of(
                Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
                Path.of("/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so"),
                Path.of("/usr/lib/opensc-pkcs11.so"),
                Path.of("/usr/lib64/opensc-pkcs11.so"));
        return new RequiredTool("OpenSC PKCS#11 module", "opensc", candidates).require();
    }

    public static ProcessResult openscTool(String... arguments) {
        return run("opensc-tool", arguments);
    }

    public static ProcessResult pkcs15Tool(String... arguments) {
        return run("pkcs15-tool", arguments);
    }

    public static ProcessResult pkcs11Tool(String... arguments) {
        List<String> withModule = new ArrayList<>(List.of("--module", pkcs11Module().toString()));
        withModule.addAll(List.of(arguments));
        return run("pkcs11-tool", withModule.toArray(String[]::new));
    }

    private static ProcessResult run(String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(RequiredTool.onPath(tool, "opensc").require().toString());
        command.addAll(List.of(arguments));
        ProcessRunner runner = ProcessRunner.command(command).timeout(PATIENCE);
        String debug = System.getProperty("opensc.debug");
        // -Dopensc.debug=9 makes OpenSC log every APDU to the test's output, to find why it refuses a card.
        return debug == null ? runner.run() : runner.environment("OPENSC_DEBUG", debug).run();
    }
}
