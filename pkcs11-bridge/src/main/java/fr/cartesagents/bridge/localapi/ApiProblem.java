package fr.cartesagents.bridge.localapi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.personalization.UnblockSecretNotReplaced;

/**
 * A refusal of the localhost API, answered as RFC 9457 problem details: a stable type URI
 * ({@value #TYPE_PREFIX}{@code <kind>}), the HTTP status, and texts in French or English
 * ({@link ProblemTexts}). {@code englishDetail} is the specific message of the failure, when
 * there is one; it never holds a PIN (card messages never do, and JSON parse errors are not echoed).
 */
final class ApiProblem extends RuntimeException {

    static final String TYPE_PREFIX = "urn:cartes-agents:bridge:problem:";

    private final String kind;
    private final int status;
    private final Optional<String> englishDetail;
    private final Map<String, Object> extensions;

    ApiProblem(String kind, int status, Optional<String> englishDetail, Map<String, Object> extensions) {
        super(kind + englishDetail.map(detail -> ": " + detail).orElse(""), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.englishDetail = englishDetail;
        this.extensions = Map.copyOf(extensions);
    }

    static ApiProblem of(String kind, int status) {
        return new ApiProblem(kind, status, Optional.empty(), Map.of());
    }

    static ApiProblem of(String kind, int status, String englishDetail) {
        return new ApiProblem(kind, status, Optional.of(englishDetail), Map.of());
    }

    /** A card failure: its own HTTP status, tries left when the card tells. */
    static ApiProblem of(CardException failure) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        failure.triesLeft().ifPresent(tries -> extensions.put("triesLeft", tries));
        return new ApiProblem(kindOf(failure.failure()), failure.failure().httpStatus(),
                Optional.ofNullable(failure.getMessage()), extensions);
    }

    /**
     * The certificates are written but the card refused the change of its unblock secret: 409, with
     * what the card answered ({@code cardFailure}, {@code triesLeft}); the page offers to resume.
     */
    static ApiProblem unblockSecretNotReplaced(UnblockSecretNotReplaced notReplaced) {
        CardException card = notReplaced.cardFailure();
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("cardFailure", kindOf(card.failure()));
        card.triesLeft().ifPresent(tries -> extensions.put("triesLeft", tries));
        return new ApiProblem("unblock-secret-not-replaced", 409, Optional.ofNullable(notReplaced.getMessage()), extensions);
    }

    static ApiProblem badRequest(String englishDetail) {
        return of("bad-request", 400, englishDetail);
    }

    /** {@code WRONG_PIN} becomes {@code wrong-pin}. */
    static String kindOf(CardFailure failure) {
        return failure.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    ApiProblem with(String extension, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(extension, value);
        return new ApiProblem(kind, status, englishDetail, more);
    }

    String kind() {
        return kind;
    }

    int status() {
        return status;
    }

    Optional<String> englishDetail() {
        return englishDetail;
    }

    Map<String, Object> extensions() {
        return extensions;
    }

    /** The problem-details document in the language of {@code texts}. */
    Map<String, Object> toJson(ProblemTexts texts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", TYPE_PREFIX + kind);
        json.put("title", texts.title(kind));
        json.put("status", status);
        json.put("detail", texts.detail(this));
        json.putAll(extensions);
        return json;
    }
}
