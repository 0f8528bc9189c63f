package fr.cartesagents.ra.pki;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The latest full and delta CRL of each CA, as the PKI repository serves them from memory. Fed by this
 * instance's publications once their transaction has committed ({@link CrlPublisher}), and by the
 * repository's look for publications of other instances ({@link PkiRepositoryMemory#refresh()}); a CRL
 * is kept only if its number is higher than the one held, so the two never step back.
 */
@Component
class LatestCrls {

    private record Key(String caId, boolean delta) {
    }

    private final Map<Key, PublishedCrl> latest = new ConcurrentHashMap<>();

    Optional<PublishedCrl> get(String caId, boolean delta) {
        return Optional.ofNullable(latest.get(new Key(caId, delta)));
    }

    void offer(PublishedCrl crl) {
        latest.merge(new Key(crl.caId(), crl.delta()), crl,
                (held, offered) -> offered.number().compareTo(held.number()) > 0 ? offered : held);
    }

    boolean isNewer(String caId, boolean delta, java.math.BigInteger number) {
        PublishedCrl held = latest.get(new Key(caId, delta));
        return held == null || held.number().compareTo(number) < 0;
    }
}
