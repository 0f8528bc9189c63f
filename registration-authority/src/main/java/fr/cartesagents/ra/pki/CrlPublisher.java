package fr.cartesagents.ra.pki;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.crl.CrlGenerator;
import fr.cartesagents.ca.crl.GeneratedCrl;
import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ra.certificate.CertificateRecords;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the CRLs of the CAs whose key this server holds: a full CRL of every revoked
 * certificate, and a delta CRL against the previous full one. Publication takes a transaction-scoped
 * advisory lock per CA, so that instances sharing the database publish one after the other; CRL
 * numbers come from a database sequence, so they only ever grow.
 */
public class CrlPublisher {

    /** Advisory lock class of CRL publication ("crl"); the object id is the CA's. */
    private static final int CRL_LOCK_CLASS = 0x63726c;
    /** Revocations committed around the previous full CRL's thisUpdate land in the delta too: harmless duplicates. */
    private static final Duration DELTA_OVERLAP = Duration.ofMinutes(5);

    private final Map<String, CrlGenerator> generators;
    private final Map<String, java.net.URI> deltaUrls;
    private final CertificateRecords certificates;
    private final CrlStore store;
    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final LatestCrls served;
    private final Clock clock;

    CrlPublisher(Map<String, CrlGenerator> generators, Map<String, java.net.URI> deltaUrls, CertificateRecords certificates,
                 CrlStore store, DatabaseClient database, TransactionalOperator transactions, LatestCrls served, Clock clock) {
        this.served = served;
        this.generators = Map.copyOf(generators);
        this.deltaUrls = Map.copyOf(deltaUrls);
        this.certificates = certificates;
        this.store = store;
        this.database = database;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The CAs this server signs CRLs for. */
    public java.util.Set<String> caIds() {
        return generators.keySet();
    }

    /** Publishes a new full and delta CRL of {@code caId}, in the caller's transaction if there is one. */
    public Mono<PublishedCrl> publish(String caId) {
        CrlGenerator generator = generators.get(caId);
        if (generator == null) {
            return Mono.error(new IllegalArgumentException("This server holds no key to sign the CRLs of " + caId));
        }
        return transactions.transactional(lock(caId)
                .then(store.latest(caId, false).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(previousFull -> store.nextNumber().zipWhen(fullNumber -> store.nextNumber())
                        .flatMap(numbers -> sign(entries -> generator.full(numbers.getT1(), entries,
                                        Optional.ofNullable(deltaUrls.get(caId))), certificates.revoked(caId))
                                .flatMap(full -> store.store(caId, full, Optional.empty())
                                        .then(publishDelta(caId, generator, numbers.getT2(), previousFull, full))
                                        .flatMap(delta -> serveOnceCommitted(published(caId, full), published(caId, delta)))
                                        .thenReturn(published(caId, full))))));
    }

    private static PublishedCrl published(String caId, GeneratedCrl crl) {
        return new PublishedCrl(caId, crl.number(), crl.delta(), crl.thisUpdate(), crl.nextUpdate(), crl.der());
    }

    /**
     * The repository serves the new CRLs once the transaction that stored them has committed (the
     * outermost one: a revocation's), before the caller's answer leaves; never a CRL that rolled back.
     */
    private Mono<Void> serveOnceCommitted(PublishedCrl full, PublishedCrl delta) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(manager -> manager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        served.offer(full);
                        served.offer(delta);
                        return Mono.empty();
                    }
                }))
                .then();
    }

    /**
     * Publishes only if the latest full CRL of {@code caId} is missing or due for renewal. The check
     * is made again under the publication lock, in the publishing transaction: of several instances
     * that find the CRL due at once, the first publishes and the others find it fresh.
     */
    public Mono<Boolean> publishIfDue(String caId, Duration renewBefore) {
        return due(caId, renewBefore)
                .flatMap(due -> !due ? Mono.just(false) : transactions.transactional(lock(caId)
                        .then(due(caId, renewBefore))
                        .flatMap(stillDue -> stillDue ? publish(caId).thenReturn(true) : Mono.just(false))));
    }

    private Mono<Boolean> due(String caId, Duration renewBefore) {
        return store.latest(caId, false)
                .map(latest -> !clock.instant().isBefore(latest.nextUpdate().minus(renewBefore)))
                .defaultIfEmpty(true);
    }

    private Mono<GeneratedCrl> publishDelta(String caId, CrlGenerator generator, BigInteger deltaNumber,
                                    Optional<PublishedCrl> previousFull, GeneratedCrl newFull) {
        // The base of the delta is the full CRL relying parties may still hold: the previous one;
        // on the very first publication, the one just made.
        BigInteger baseNumber = previousFull.map(PublishedCrl::number).orElse(newFull.number());
        Instant since = previousFull.map(PublishedCrl::thisUpdate).orElse(newFull.thisUpdate()).minus(DELTA_OVERLAP);
        Flux<RevokedCertificate> entries = certificates.revokedSince(caId, since);
        return sign(iterator -> generator.delta(deltaNumber, baseNumber, iterator), entries)
                .flatMap(delta -> store.store(caId, delta, Optional.of(baseNumber)).thenReturn(delta));
    }

    /**
     * Signs on a thread that may block (the token may be an HSM), streaming the entries from the
     * database in the caller's transaction.
     */
    private static Mono<GeneratedCrl> sign(Function<Iterator<RevokedCertificate>, GeneratedCrl> signing,
                                           Flux<RevokedCertificate> entries) {
        return Mono.deferContextual(context -> Mono.fromCallable(
                        () -> signing.apply(entries.contextWrite(context).toIterable().iterator()))
                .subscribeOn(Schedulers.boundedElastic()));
    }

    private Mono<Void> lock(String caId) {
        return database.sql("select pg_advisory_xact_lock(:lockClass, :caId)")
                .bind("lockClass", CRL_LOCK_CLASS)
                .bind("caId", caId.hashCode())
                .then();
    }
}
