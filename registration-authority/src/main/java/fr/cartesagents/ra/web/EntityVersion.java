package fr.cartesagents.ra.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * Optimistic locking over HTTP: a record's {@code version} column is its strong ETag ({@code "3"});
 * an update must send it back in {@code If-Match}. The update then runs
 * {@code ... where id = :id and version = :expected} and bumps the version; no row updated means
 * somebody else changed it first ({@link #stale(long, long)}, 412).
 */
public record EntityVersion(long version) {

    private static final Pattern STRONG_TAG = Pattern.compile("^\\s*\"(\\d{1,18})\"\\s*$");

    /** The ETag header value. */
    public String etag() {
        return "\"" + version + "\"";
    }

    /** The version the caller read, from its If-Match header: 428 when absent, 400 when it is not one of our tags. */
    public static EntityVersion fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.localized(ProblemType.PRECONDITION_REQUIRED, "etag.if-match-missing");
        }
        Matcher matcher = STRONG_TAG.matcher(ifMatch);
        if (!matcher.matches()) {
            throw ProblemException.localized(ProblemType.BAD_REQUEST, "etag.if-match-malformed");
        }
        return new EntityVersion(Long.parseLong(matcher.group(1)));
    }

    /** The 412 answer when the record moved on since the caller read it. */
    public static ProblemException stale(long expected, long current) {
        return ProblemException.localized(ProblemType.PRECONDITION_FAILED, "etag.stale", expected, current);
    }
}
