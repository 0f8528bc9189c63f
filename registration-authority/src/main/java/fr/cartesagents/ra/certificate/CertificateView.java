package fr.cartesagents.ra.certificate;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A certificate as the API shows it. Times are ISO-8601 UTC. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateView(String serial, String profile, String subject, String holderId, String notBefore,
                              String notAfter, String status, String revokedAt, String reason,
                              String invalidityDate, String certificatePem) {

    static CertificateView of(CertificateRecord record, boolean withPem) {
        return new CertificateView(record.serialHex(), record.profile(), record.subject(), record.holderId().orElse(null),
                record.notBefore().toString(), record.notAfter().toString(), record.status().column(),
                record.revokedAt().map(Object::toString).orElse(null),
                record.revocationReason().map(r -> r.rfcName()).orElse(null),
                record.invalidityDate().map(Object::toString).orElse(null),
                withPem ? record.der().map(der -> fr.cartesagents.ca.hierarchy.PemFiles.toPem("CERTIFICATE", der)).orElse(null)
                        : null);
    }
}
