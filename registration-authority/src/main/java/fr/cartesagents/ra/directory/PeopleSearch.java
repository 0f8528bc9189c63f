package fr.cartesagents.ra.directory;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * What a directory search asks: a name (accent- and case-insensitive, anywhere in the names or at
 * their start), a collectivity (by id or INSEE code), a function (job title or service), a status;
 * then the page: after which row, how many.
 */
record PeopleSearch(Optional<String> name, boolean prefix, Optional<UUID> collectivityId, Optional<String> inseeCode,
                    Optional<String> function, Optional<PersonStatus> status, Optional<SearchCursor> after, int limit) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private static final Pattern NAME = Pattern.compile(CivilStatusText.SEARCH);
    private static final Pattern FUNCTION = Pattern.compile(CivilStatusText.PRINTABLE);
    private static final Pattern INSEE = Pattern.compile("^(?:\\d{5}|2[AB]\\d{3})$");

    /** @throws ProblemException 400 on a parameter that is not valid */
    static PeopleSearch from(MultiValueMap<String, String> parameters, Optional<UUID> collectivityId) {
        Optional<String> name = text(parameters, "name").map(value -> {
            require(NAME.matcher(value).matches() && value.length() <= CivilStatusText.NAME_MAX, "name",
                    "letters, spaces, hyphens and apostrophes, at most 100");
            return value;
        });
        String match = text(parameters, "match").orElse("contains");
        require(match.equals("contains") || match.equals("prefix"), "match", "contains or prefix");
        Optional<UUID> collectivity = collectivityId.or(() -> text(parameters, "collectivityId").map(value -> {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw invalid("collectivityId", "a UUID");
            }
        }));
        Optional<String> insee = text(parameters, "insee").map(value -> value.toUpperCase(java.util.Locale.ROOT));
        insee.ifPresent(value -> require(INSEE.matcher(value).matches(), "insee", "an INSEE code such as 59017 or 2A004"));
        Optional<String> function = text(parameters, "function");
        function.ifPresent(value -> require(FUNCTION.matcher(value).matches() && value.length() <= CivilStatusText.TEXT_MAX,
                "function", "printable text, at most 100"));
        Optional<PersonStatus> status = text(parameters, "status").map(value -> {
            require(value.equals("active") || value.equals("departed"), "status", "active or departed");
            return PersonStatus.fromDatabaseName(value);
        });
        Optional<SearchCursor> after = text(parameters, "after").map(SearchCursor::parse);
        int limit = text(parameters, "limit").map(value -> {
            try {
                int parsed = Integer.parseInt(value);
                require(parsed >= 1 && parsed <= MAX_LIMIT, "limit", "1 to " + MAX_LIMIT);
                return parsed;
            } catch (NumberFormatException e) {
                throw invalid("limit", "1 to " + MAX_LIMIT);
            }
        }).orElse(DEFAULT_LIMIT);
        return new PeopleSearch(name, match.equals("prefix"), collectivity, insee, function, status, after, limit);
    }

    private static Optional<String> text(MultiValueMap<String, String> parameters, String name) {
        return Optional.ofNullable(parameters.getFirst(name)).map(CivilStatusText::clean).filter(value -> !value.isEmpty());
    }

    private static void require(boolean valid, String parameter, String expected) {
        if (!valid) {
            throw invalid(parameter, expected);
        }
    }

    private static ProblemException invalid(String parameter, String expected) {
        return ProblemException.localized(ProblemType.VALIDATION_FAILED, "directory.bad-search", parameter, expected);
    }
}
