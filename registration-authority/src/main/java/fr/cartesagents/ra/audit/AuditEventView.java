package fr.cartesagents.ra.audit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An audit event as the API shows it, with its place in the chain: {@code chainPosition},
 * {@code previousHash} and {@code hash} are absent for the moment between its commit and its chaining.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEventView(long id, Instant occurredAt, String actor, String action, String target, Map<String, String> details,
                      String collectivity, String remoteAddress, String previousHash, String hash, Long chainPosition) {

    public static AuditEventView of(AuditEvent event) {
        AuditEntry entry = event.entry();
        return new AuditEventView(event.id(), event.occurredAt(), entry.actor(), entry.action(), entry.target(), entry.details(),
                entry.collectivity().map(Object::toString).orElse(null), entry.remoteAddress().orElse(null),
                event.previousHash(), event.hash(), event.chainPosition());
    }

    /** A certificate fingerprint as audit names carry it: {@code CN=... (sha256 3f2a...)}. */
    private static final Pattern FINGERPRINT = Pattern.compile(" ?\\(sha256 [0-9A-Fa-f:]+\\)");

    /**
     * The event as a mayor or delegate reads it: without the certificate fingerprints (of
     * administrators, registration officers, relying applications...) and without the network
     * addresses the requests came from, which are for national administrators and auditors. The
     * hashes stay, so that the event can be matched with a national verification.
     */
    AuditEventView forLocalReader() {
        Map<String, String> shown = new TreeMap<>();
        details.forEach((key, value) -> shown.put(key, key.toLowerCase(Locale.ROOT).contains("fingerprint") ? REDACTED
                : FINGERPRINT.matcher(value).replaceAll("")));
        return new AuditEventView(id, occurredAt, FINGERPRINT.matcher(actor).replaceAll(""), action, target, shown,
                collectivity, null, previousHash, hash, chainPosition);
    }

    static final String REDACTED = "[redacted]";

    /** One page of events, newest first. */
    public record Page(List<AuditEventView> items, int page, int size, long total) {

        public Page forLocalReader() {
            return new Page(items.stream().map(AuditEventView::forLocalReader).toList(), page, size, total);
        }
    }
}
