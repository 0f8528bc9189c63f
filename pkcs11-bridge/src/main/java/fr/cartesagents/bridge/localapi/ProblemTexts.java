package fr.cartesagents.bridge.localapi;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Problem titles and details in French (the default) or English, chosen from {@code Accept-Language}.
 * French texts are one per kind of problem; English ones may be the failure's own, more specific,
 * message.
 */
final class ProblemTexts {

    private static final List<String> LANGUAGES = List.of("fr", "en");
    private static final String BUNDLE = "fr.cartesagents.bridge.localapi.problems";

    private final ResourceBundle bundle;
    private final boolean english;

    private ProblemTexts(Locale locale) {
        this.english = locale.getLanguage().equals("en");
        this.bundle = ResourceBundle.getBundle(BUNDLE, english ? Locale.ROOT : Locale.FRENCH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static ProblemTexts forAcceptLanguage(String acceptLanguage) {
        String chosen = null;
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                chosen = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            } catch (IllegalArgumentException malformed) {
                chosen = null;
            }
        }
        return new ProblemTexts(Locale.forLanguageTag(chosen == null ? "fr" : chosen));
    }

    String language() {
        return english ? "en" : "fr";
    }

    String title(String kind) {
        return text(kind + ".title", kind);
    }

    String detail(ApiProblem problem) {
        if (english && problem.englishDetail().isPresent()) {
            return problem.englishDetail().get();
        }
        String detail = text(problem.kind() + ".detail", problem.englishDetail().orElse(title(problem.kind())));
        Object tries = problem.extensions().get("triesLeft");
        return tries == null ? detail : detail + " " + String.format(text("tries-left", "%d"), tries);
    }

    private String text(String key, String fallback) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }
}
