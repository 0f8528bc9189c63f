package fr.cartesagents.ra.certificate;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of this instance (Prometheus names): {@code cartes_certificates_issued_total} (signed and
 * recorded) and {@code cartes_certificates_revoked_total{by="request"|"recovery"}} (through the API, or
 * by the recovery of reservations never delivered). See docs/operations/monitoring.md.
 */
@Component
public class CertificateMetrics {

    static final String BY_REQUEST = "request";
    static final String BY_RECOVERY = "recovery";

    private final MeterRegistry registry;
    private final Counter issued;

    CertificateMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.issued = Counter.builder("cartes.certificates.issued").description("Certificates signed and recorded by this instance")
                .register(registry);
    }

    void issued() {
        issued.increment();
    }

    void revoked(String by) {
        registry.counter("cartes.certificates.revoked", "by", by).increment();
    }
}
