package fr.cartesagents.ra.collectivity;

/**
 * What an official name may hold: letters with their accents, digits, spaces and the punctuation
 * the official geographic code uses ("L'Haÿ-les-Roses", "CC Faucigny - Glières", "Saint-Martin (Partie
 * française)"), and nothing that a mistake or an injection attempt would bring (control characters,
 * markup, wildcards).
 */
public final class OfficialName {

    /**
     * Bean Validation pattern: 1 to 200 allowed characters, starting with a letter, digit or parenthesis; an official
     * name may end with a quote (CA de Blois ''Agglopolys'', CC Bresse Nord Intercom').
     */
    public static final String PATTERN = "[\\p{L}\\p{N}(](?:[\\p{L}\\p{M}\\p{N} '’\",()/.&-]{0,198}[\\p{L}\\p{M}\\p{N}.)\"'’])?";

    /** Search input: the start of a name, without wildcards. */
    public static final String PREFIX_PATTERN = "[\\p{L}\\p{M}\\p{N} '’-]{1,100}";

    private OfficialName() {
    }
}
