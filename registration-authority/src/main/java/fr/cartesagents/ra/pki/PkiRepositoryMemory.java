package fr.cartesagents.ra.pki;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.database.DatabaseAvailability;
import fr.cartesagents.ra.database.DatabaseFailures;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the PKI repository serves, held in memory: the CA certificates and the latest full and delta
 * CRL of each CA. A request reads no database; a database outage leaves the repository answering.
 * The CA certificates are read once at start-up (after {@link PkiStartup} recorded them); a CRL this
 * instance publishes is served as soon as its transaction commits ({@link LatestCrls}); publications of
 * other instances are picked up by {@link #refresh()} (one small query of the latest numbers; a CRL is
 * read only when its number changed).
 */
@Component
@DependsOn("pkiStartup")
public class PkiRepositoryMemory {

    private static final Logger LOG = LoggerFactory.getLogger(PkiRepositoryMemory.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseClient database;
    private final CrlStore crls;
    private final DatabaseAvailability availability;
    private volatile List<CaRecords.CaRecord> cas;
    private final LatestCrls latestCrls;

    PkiRepositoryMemory(DatabaseClient database, CaRecords caRecords, CrlStore crls, LatestCrls latestCrls,
                        DatabaseAvailability availability) {
        this.database = database;
        this.latestCrls = latestCrls;
        this.crls = crls;
        this.availability = availability;
        this.cas = List.copyOf(caRecords.all().collectList().block(READ_TIMEOUT));
        reload().block(READ_TIMEOUT);
    }

    public List<CaRecords.CaRecord> cas() {
        return cas;
    }

    public Optional<CaRecords.CaRecord> ca(String id) {
        return cas.stream().filter(ca -> ca.id().equals(id)).findFirst();
    }

    public Optional<PublishedCrl> latestCrl(String caId, boolean delta) {
        return latestCrls.get(caId, delta);
    }

    /**
     * Loads the CRLs that changed since the last look (published by any instance). Skipped while the
     * database is unreachable: what is held keeps being served.
     */
    @Scheduled(fixedDelayString = "${cartes.pki.ocsp-responses.revocation-poll-interval:PT0.5S}")
    public void refresh() {
        if (!availability.isUp()) {
            return;
        }
        try {
            reload().block(READ_TIMEOUT);
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                LOG.warn("Could not reload the published CRLs: {}", e.toString());
            }
        }
    }

    private Mono<Void> reload() {
        return Flux.from(database.sql("select ca_id, delta, max(number) as number from crl group by ca_id, delta")
                        .map(row -> new LatestNumber(row.get("ca_id", String.class), Boolean.TRUE.equals(row.get("delta", Boolean.class)),
                                row.get("number", BigDecimal.class).toBigIntegerExact()))
                        .all())
                .filter(latest -> latestCrls.isNewer(latest.caId(), latest.delta(), latest.number()))
                .concatMap(latest -> crls.latest(latest.caId(), latest.delta()))
                .doOnNext(latestCrls::offer)
                .then();
    }

    private record LatestNumber(String caId, boolean delta, BigInteger number) {
    }
}
