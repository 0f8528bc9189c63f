package fr.cartesagents.ca.ocsp;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.ocsp.CertificateID;

import fr.cartesagents.ca.status.CertificateStatus;

/**
 * Signed OCSP responses kept for reuse (RFC 5019 section 2.1.1 "pre-produced responses"), so that
 * the common request, one CertID and no nonce, costs a map lookup instead of a signature.
 *
 * <h2>What is kept</h2>
 * One response per (serial, CertID hash algorithm) for serials whose status is good or revoked.
 * Unknown serials are answered but never kept, so that requests for random serials cannot fill the
 * memory; at most {@code maxEntries} responses are kept (a full cache still answers, it just stops
 * keeping new ones). Requests with a nonce or several CertIDs are answered by the responder directly.
 *
 * <h2>Freshness and the refresh plan</h2>
 * A kept response is served while {@code now < nextUpdate - refreshMargin}. Past that point it is
 * "due": the next request re-signs it on the spot, and {@link #refreshExpiring()} re-signs every due
 * entry in one pass (re-reading the status, dropping entries that became unknown). The server's
 * scheduler should call {@code refreshExpiring()} at least every {@code refreshMargin / 2}, or at
 * {@link #nextRefreshDue()}, so that signing stays off the request path and a served response always
 * has at least {@code refreshMargin} of validity left (what HTTP caches will honour as max-age).
 *
 * <h2>Status changes</h2>
 * After a revocation (or any status change) is committed and visible to the
 * {@link fr.cartesagents.ca.status.CertificateStatusSource}, call {@link #invalidate(BigInteger)}:
 * the serial's responses are dropped, and a response being produced concurrently from the old status
 * is not kept.
 *
 * <p>Thread-safe.
 */
public final class PreProducedOcspResponses {

    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_ENTRIES = 200_000;

    private record Key(BigInteger serial, AlgorithmIdentifier hashAlgorithm) {
        static Key of(CertificateID id) {
            return new Key(id.getSerialNumber(), id.toASN1Primitive().getHashAlgorithm());
        }
    }

    private record Entry(CertificateID certificateId, OcspResult result, Instant refreshAt) {
        Instant producedAt() {
            return result.producedAt().orElseThrow();
        }

        Instant nextUpdate() {
            return result.nextUpdate().orElseThrow();
        }
    }

    private final OcspResponder responder;
    private final Duration refreshMargin;
    private final int maxEntries;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a response produced across an invalidation is not kept. */
    private final AtomicLong invalidations = new AtomicLong();

    /**
     * @param refreshMargin how long before nextUpdate a response is re-signed; shorter than the responder's validity
     * @param maxEntries    how many responses are kept at most
     */
    public PreProducedOcspResponses(OcspResponder responder, Duration refreshMargin, int maxEntries) {
        this.responder = Objects.requireNonNull(responder, "responder");
        this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
        if (refreshMargin.isNegative() || refreshMargin.isZero() || refreshMargin.compareTo(responder.validity()) >= 0) {
            throw new IllegalArgumentException("The refresh margin must be positive and shorter than the response validity "
                    + responder.validity() + ", got " + refreshMargin);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    public PreProducedOcspResponses(OcspResponder responder) {
        this(responder, DEFAULT_REFRESH_MARGIN, DEFAULT_MAX_ENTRIES);
    }

    /** The answer to {@code requestDer}: pre-produced when the request allows it, signed on the fly otherwise. */
    public OcspResult respond(byte[] requestDer) {
        OcspRequestInfo request;
        try {
            request = responder.parse(requestDer);
        } catch (MalformedOcspRequestException e) {
            return responder.answer(requestDer); // the responder's malformedRequest answer, logged there
        }
        return answer(request);
    }

    /** The answer to a parsed request: pre-produced when the request allows it, signed on the fly otherwise. */
    public OcspResult answer(OcspRequestInfo request) {
        return lookupResult(request).orElseGet(() -> responder.answer(request));
    }

    /**
     * The pre-produced response for {@code request}, produced and kept on first use; empty when the
     * request cannot be answered from this cache (a nonce, several CertIDs, an issuer we do not serve,
     * or a failure): answer it with {@link OcspResponder#answer(OcspRequestInfo)}.
     */
    public Optional<byte[]> lookup(OcspRequestInfo request) {
        return lookupResult(request).map(OcspResult::der);
    }

    /** Like {@link #lookup(OcspRequestInfo)}, with the response's caching metadata. */
    public Optional<OcspResult> lookupResult(OcspRequestInfo request) {
        if (!request.canUsePreProducedResponse() || !responder.isAuthoritativeFor(request)) {
            return Optional.empty();
        }
        CertificateID id = request.certificateIds().get(0);
        Entry entry = entries.get(Key.of(id));
        if (entry != null && now().isBefore(entry.refreshAt())) {
            return Optional.of(entry.result());
        }
        OcspResult produced = produceAndKeep(id);
        if (produced.successful()) {
            return Optional.of(produced);
        }
        if (entry != null && now().isBefore(entry.nextUpdate())) {
            return Optional.of(entry.result()); // the token or the status source failed: still valid, still served
        }
        return Optional.empty();
    }

    /**
     * Until when {@code result} may be served again for {@code request} without asking this cache:
     * its refresh point, when it is the response kept for the request's CertID; empty when it is not
     * kept (an unknown serial, a nonce, a full cache, or a newer response kept meanwhile). A server
     * that keeps the answer by request bytes in front of this cache uses it to keep only what this
     * cache keeps, and for no longer; it must drop its copy on {@link #invalidate(BigInteger)} too.
     */
    public Optional<Instant> keptUntil(OcspRequestInfo request, OcspResult result) {
        if (!request.canUsePreProducedResponse()) {
            return Optional.empty();
        }
        Entry entry = entries.get(Key.of(request.certificateIds().get(0)));
        return entry != null && entry.result() == result ? Optional.of(entry.refreshAt()) : Optional.empty();
    }

    /** Drops the responses kept for {@code serial}; call it once the new status is visible to the status source. */
    public void invalidate(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        invalidations.incrementAndGet();
        entries.keySet().removeIf(key -> key.serial().equals(serial));
    }

    /**
     * Re-signs every kept response whose nextUpdate is within the refresh margin, with a freshly read
     * status; drops those that became unknown, and those that could not be re-signed and have expired.
     *
     * @return how many responses were re-signed
     */
    public int refreshExpiring() {
        Instant now = now();
        int refreshed = 0;
        for (Map.Entry<Key, Entry> kept : entries.entrySet()) {
            Entry entry = kept.getValue();
            if (now.isBefore(entry.refreshAt())) {
                continue;
            }
            OcspResult fresh = produceAndKeep(entry.certificateId());
            Entry current = entries.get(kept.getKey());
            if (fresh.successful() && current != null && current != entry) {
                refreshed++;
            } else if (!now.isBefore(entry.nextUpdate())) {
                entries.remove(kept.getKey(), entry);
            }
        }
        return refreshed;
    }

    /** When the earliest kept response becomes due for refresh; empty when nothing is kept. */
    public Optional<Instant> nextRefreshDue() {
        return entries.values().stream().map(Entry::refreshAt).min(Instant::compareTo);
    }

    /** How many responses are kept. */
    public int size() {
        return entries.size();
    }

    private OcspResult produceAndKeep(CertificateID id) {
        long invalidationsBefore = invalidations.get();
        OcspResponder.Production production = responder.produce(new OcspRequestInfo(List.of(id), Optional.empty()));
        OcspResult result = production.result();
        Key key = Key.of(id);
        boolean keepable = result.successful()
                && production.statuses().stream().noneMatch(CertificateStatus.Unknown.class::isInstance);
        if (keepable) {
            Entry fresh = new Entry(id, result, result.nextUpdate().orElseThrow().minus(refreshMargin));
            entries.compute(key, (k, old) -> {
                if (invalidations.get() != invalidationsBefore) {
                    return old; // the status may have changed while we signed: let the next request produce again
                }
                if (old == null) {
                    return entries.size() < maxEntries ? fresh : null;
                }
                return old.producedAt().isAfter(fresh.producedAt()) ? old : fresh;
            });
        } else if (result.successful()) {
            entries.remove(key); // the serial became unknown
        }
        return result;
    }

    private Instant now() {
        return responder.clock().instant();
    }
}
