package fr.cartesagents.ra.delivery;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The machine readable zone as the hand-over desk sends it (typed or scanned text): any text ends in a
 * zone whose fields hold no filler, or in an {@link MrzException} (→ 422), never another exception.
 * Seeds: a TD1, a TD3 and a pre-2021 French identity card zone, valid check digits
 * ({@code MrzFuzzTestInputs/zonesAreReadOrRefused/}).
 */
public class MrzFuzzTest {

    /** Entry point of Jazzer's own driver for long runs (docs/fuzzing.md). */
    public static void fuzzerTestOneInput(byte[] input) {
        new MrzFuzzTest().zonesAreReadOrRefused(input);
    }

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @FuzzTest(maxDuration = "10s")
    void zonesAreReadOrRefused(byte[] input) {
        // ISO-8859-1: every byte is a character, so the fuzzer reaches the parser's character checks directly.
        String text = new String(input, StandardCharsets.ISO_8859_1);
        MachineReadableZone zone;
        try {
            zone = MachineReadableZone.parse(text, TODAY);
        } catch (MrzException expected) {
            return; // 422 with a problem document
        }
        for (String field : new String[] {zone.documentCode(), zone.issuingState(), zone.documentNumber(), zone.surname(),
                zone.givenNames()}) {
            if (field.indexOf('<') >= 0) {
                throw new IllegalStateException("a filler left in a field read from the zone: " + field);
            }
        }
        if (!zone.equals(MachineReadableZone.parse(text, TODAY))) {
            throw new IllegalStateException("the same zone read twice differs");
        }
    }
}
