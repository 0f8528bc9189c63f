package fr.cartesagents.ra.pki;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import fr.cartesagents.ca.ocsp.OcspResponseStatus;
import fr.cartesagents.ca.ocsp.OcspResult;
import fr.cartesagents.ra.database.DatabaseAvailability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an operator watches the PKI repository by (Prometheus names; the certificate counters are
 * {@code CertificateMetrics}): {@code cartes_ocsp_responses_total{status}},
 * {@code cartes_crl_seconds_to_next_update{ca,kind}} (alert well before it reaches 0: an expired CRL
 * makes relying parties refuse every card), {@code cartes_crl_age_seconds{ca,kind}},
 * {@code cartes_database_up}, {@code cartes_ocsp_pre_produced}. Counters are per instance.
 */
@Component
public class PkiMetrics {

    private final MeterRegistry registry;
    private final Map<OcspResponseStatus, Counter> answers = new ConcurrentHashMap<>();

    PkiMetrics(MeterRegistry registry, PkiRepositoryMemory repository, DatabaseAvailability availability, OcspService ocsp,
               Clock clock) {
        this.registry = registry;
        for (String caId : repository.cas().stream().map(CaRecords.CaRecord::id).toList()) {
            for (boolean delta : new boolean[] {false, true}) {
                String kind = delta ? "delta" : "full";
                Gauge.builder("cartes.crl.age", () -> repository.latestCrl(caId, delta)
                                .map(crl -> (double) Duration.between(crl.thisUpdate(), clock.instant()).toSeconds()).orElse(Double.NaN))
                        .tags("ca", caId, "kind", kind).baseUnit("seconds").description("Age of the CRL served").register(registry);
                Gauge.builder("cartes.crl.seconds.to.next.update", () -> repository.latestCrl(caId, delta)
                                .map(crl -> (double) Duration.between(clock.instant(), crl.nextUpdate()).toSeconds()).orElse(Double.NaN))
                        .tags("ca", caId, "kind", kind).description("Seconds until the CRL served expires").register(registry);
            }
        }
        Gauge.builder("cartes.database.up", () -> availability.isUp() ? 1 : 0)
                .description("1 while the database answers the availability probe").register(registry);
        Gauge.builder("cartes.ocsp.pre.produced", ocsp::preProducedCount)
                .description("Pre-produced OCSP responses kept by this instance").register(registry);
    }

    void answered(OcspResult result) {
        answered(result.status());
    }

    /** Counted on the repository's hot path: the counter is looked up once per status, not per answer. */
    void answered(OcspResponseStatus status) {
        answers.computeIfAbsent(status, s -> registry.counter("cartes.ocsp.responses",
                "status", s.name().toLowerCase(java.util.Locale.ROOT))).increment();
    }
}
