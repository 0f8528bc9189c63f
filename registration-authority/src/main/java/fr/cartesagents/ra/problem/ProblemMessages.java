package fr.cartesagents.ra.problem;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.springframework.web.server.ServerWebExchange;

/**
 * The French and English texts of problem titles and details, from the bundle
 * {@code i18n/problems} ({@code problems.properties} in English, {@code problems_fr.properties}).
 * A key missing from the French bundle falls back to English, never to the key itself.
 */
public final class ProblemMessages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale FRENCH = Locale.FRENCH;
    private static final String BUNDLE = "i18n/problems";
    private static final ResourceBundle.Control NO_SYSTEM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemMessages() {
    }

    /** French when the caller's Accept-Language prefers French, English otherwise. */
    public static Locale of(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(String.join(",", exchange.getRequest().getHeaders().getOrEmpty("Accept-Language")));
        } catch (IllegalArgumentException malformed) {
            return ENGLISH;
        }
        Locale best = Locale.lookup(ranges, List.of(FRENCH, ENGLISH));
        return best == null ? ENGLISH : best;
    }

    /** The text of {@code key} in {@code locale}, with {@code arguments} in its {@link MessageFormat} placeholders. */
    public static String render(String key, Object[] arguments, Locale locale) {
        String pattern = pattern(key, locale);
        return new MessageFormat(pattern, locale).format(arguments);
    }

    /** The title of a problem type in {@code locale}. */
    public static String title(ProblemType type, Locale locale) {
        try {
            return pattern("title." + type.slug(), locale);
        } catch (MissingResourceException missing) {
            return type.title();
        }
    }

    private static String pattern(String key, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, FRENCH.getLanguage().equals(locale.getLanguage()) ? FRENCH : Locale.ROOT,
                NO_SYSTEM_LOCALE);
        return bundle.getString(key);
    }
}
