package fr.cartesagents.ra.collectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import command against the database the configuration names (here a fresh embedded one
 * in a temporary data directory): it loads the communes and EPCI, and a second run changes nothing.
 */
class ReferenceDataImportCommandTest {

    @TempDir
    Path work;

    @Test
    void theCommandImportsTheOfficialFilesAndASecondRunChangesNothing() throws IOException {
        Path communes = copy("reference/communes-59.json");
        Path epcis = copy("reference/epci-59.json");
        String dataDir = "--cartes.data-dir=" + work.resolve("data");

        String first = run("--communes=" + communes, "--epcis=" + epcis, dataDir);
        assertThat(first).contains("communes: 647 read, 0 skipped, 0 rejected [], 647 inserted, 0 updated, 0 unchanged")
                .contains("EPCI: 17 read, 0 skipped, 0 rejected [], 17 inserted");
        String second = run("--communes=" + communes, dataDir);
        assertThat(second).contains("communes: 647 read, 0 skipped, 0 rejected [], 0 inserted, 0 updated, 647 unchanged");
    }

    @Test
    void withoutFilesTheCommandSaysWhatItNeeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReferenceDataImportCommand.execute(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--communes");
    }

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReferenceDataImportCommand.execute(new PrintStream(out, true, StandardCharsets.UTF_8), args);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        return printed;
    }

    private Path copy(String resource) throws IOException {
        Path file = work.resolve(Path.of(resource).getFileName());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }
}
