package fr.cartesagents.bridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The vpcd entry of pcscd's reader configuration ({@code /etc/reader.conf.d/vpcd}): the friendly
 * name (readers are "NAME 00 00", "NAME 00 01"...), the driver library and the TCP port of the first
 * reader (after the colon of DEVICENAME, e.g. {@code /dev/null:0x8C7B} = 35963).
 */
record VpcdReaderConfig(String friendlyName, Path driver, int port) {

    private static final Pattern FRIENDLY_NAME = Pattern.compile("(?m)^\\s*FRIENDLYNAME\\s+\"([^\"]+)\"");
    private static final Pattern LIBRARY = Pattern.compile("(?m)^\\s*LIBPATH\\s+(\\S*libifdvpcd\\S*)");
    private static final Pattern DEVICE_PORT = Pattern.compile("(?m)^\\s*DEVICENAME\\s+\\S*:(0x[0-9A-Fa-f]+|\\d+)");
    private static final int DEFAULT_PORT = 35963;

    String firstReaderName() {
        return friendlyName + " 00 00";
    }

    static Optional<VpcdReaderConfig> find(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Optional<VpcdReaderConfig> config = parse(Files.readString(file, StandardCharsets.UTF_8));
                if (config.isPresent()) {
                    return config;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + directory, e);
        }
    }

    static Optional<VpcdReaderConfig> parse(String configuration) {
        Matcher library = LIBRARY.matcher(configuration);
        if (!library.find()) {
            return Optional.empty();
        }
        Matcher name = FRIENDLY_NAME.matcher(configuration);
        Matcher port = DEVICE_PORT.matcher(configuration);
        return Optional.of(new VpcdReaderConfig(
                name.find() ? name.group(1) : "Virtual PCD",
                Path.of(library.group(1)),
                port.find() ? Integer.decode(port.group(1)) : DEFAULT_PORT));
    }

    /** vpcd's second reader, which listens on the next port. */
    String secondReaderName() {
        return friendlyName + " 00 01";
    }
}
