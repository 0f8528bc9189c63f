package fr.cartesagents.ra.directory;

import java.text.Normalizer;

/**
 * What the directory accepts in civil-status names and other free text, as written on a French
 * identity document: letters of the Latin script (with their accents: é, ï, ç, œ...), separated by one space, one apostrophe or one or
 * two hyphens (the double hyphen of a French "double nom"); no digits, no punctuation, no control
 * characters. Text is trimmed and put in Unicode NFC (so "é" typed as e + accent is stored once).
 */
final class CivilStatusText {

    /**
     * A letter of the Latin script, with any combining marks (accents) it carries. Names on a French
     * identity document are in Latin script: a Cyrillic "е" or a Greek "ο" in "Lefеvre" is a homoglyph
     * that would make a second, different name look like the first one.
     */
    private static final String LETTER = "\\p{IsLatin}\\p{M}*";

    /** Birth and usual names: "Lefèvre-Saint-Éloi", "N'Diaye", "d'Armentières", "Martin--Durand". */
    static final String NAME = "^" + LETTER + "(?:(?:[ '’]|-{1,2})?" + LETTER + ")*$";

    /** Given names, also separated by a comma as on the French identity card: "Marie, Claire". */
    static final String GIVEN_NAMES = "^" + LETTER + "(?:(?:[ '’]|-{1,2}|, ?)?" + LETTER + ")*$";

    /** A place of birth may carry digits: "Paris 15e Arrondissement", "Lille (59)". */
    static final String PLACE = "^[\\p{IsLatin}\\p{N}][\\p{IsLatin}\\p{M}\\p{N} '’().,/-]*$";

    /** Service and job title: any printable text, no control or format characters. */
    static final String PRINTABLE = "^[^\\p{C}]*$";

    /** A name search: letters, spaces, hyphens and apostrophes only (no SQL pattern characters). */
    static final String SEARCH = "^[\\p{L}\\p{M} '’-]+$";

    static final int NAME_MAX = 100;
    static final int GIVEN_NAMES_MAX = 150;
    static final int TEXT_MAX = 100;

    private CivilStatusText() {
    }

    /** Trimmed and in NFC; null stays null. */
    static String clean(String text) {
        return text == null ? null : Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }

    /** Like {@link #clean(String)}, with blank text as absent (optional fields). */
    static String cleanOptional(String text) {
        String cleaned = clean(text);
        return cleaned == null || cleaned.isEmpty() ? null : cleaned;
    }
}
