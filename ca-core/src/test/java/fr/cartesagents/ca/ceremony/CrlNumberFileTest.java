package fr.cartesagents.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlNumberFileTest {

    @TempDir
    Path dir;

    @Test
    void drawsTheNextNumberAndWritesItBack() throws Exception {
        Path file = Files.writeString(dir.resolve("act.crlnumber"), "41\n");

        assertThat(CrlNumberFile.drawNext(file)).isEqualTo(BigInteger.valueOf(42));
        assertThat(CrlNumberFile.drawNext(file)).isEqualTo(BigInteger.valueOf(43));
        assertThat(Files.readString(file)).isEqualTo("43\n");
    }

    @Test
    void concurrentDrawsNeverShareANumber() throws Exception {
        Path file = Files.writeString(dir.resolve("shared.crlnumber"), "0");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BigInteger>> draws = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                draws.add(pool.submit(() -> CrlNumberFile.drawNext(file)));
            }
            HashSet<BigInteger> numbers = new HashSet<>();
            for (Future<BigInteger> draw : draws) {
                numbers.add(draw.get());
            }
            assertThat(numbers).hasSize(40);
            assertThat(CrlNumberFile.read(file)).isEqualTo(BigInteger.valueOf(40));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingFileIsNotTakenAsZero() {
        Path file = dir.resolve("typo.crlnumber");

        assertThatThrownBy(() -> CrlNumberFile.drawNext(file))
                .isInstanceOf(CeremonyException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("echo 0 >");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAFileThatHoldsNoNumber() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.crlnumber"), "seven");

        assertThatThrownBy(() -> CrlNumberFile.drawNext(file))
                .isInstanceOf(CeremonyException.class)
                .hasMessageContaining("does not hold a CRL number");
        assertThat(Files.readString(file)).isEqualTo("seven");
    }
}
