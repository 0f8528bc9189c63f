package fr.cartesagents.ra.delivery;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Names as a machine readable zone writes them (ICAO Doc 9303 part 3 §6: Latin letters without
 * diacritics, Œ as OE, Æ as AE, ß as SS, hyphens and spaces as fillers, apostrophes dropped), so that
 * "Lefèvre-Saint-Éloi" in the directory and "LEFEVRE<SAINT<ELOI" on the card compare equal.
 */
final class NameFolding {

    private NameFolding() {
    }

    static String fold(String name) {
        if (name == null) {
            return "";
        }
        String upper = name.toUpperCase(Locale.ROOT).replace("Œ", "OE").replace("Æ", "AE").replace("ß", "SS")
                .replace("'", "").replace("’", "");
        String stripped = Normalizer.normalize(upper, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replaceAll("[^A-Z]+", " ").strip();
    }

    /** The first given name, folded. */
    static String firstGivenName(String givenNames) {
        String folded = fold(givenNames == null ? "" : givenNames.split(",")[0]);
        int space = folded.indexOf(' ');
        return space < 0 ? folded : folded.substring(0, space);
    }
}
