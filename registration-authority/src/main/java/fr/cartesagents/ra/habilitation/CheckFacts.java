package fr.cartesagents.ra.habilitation;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.pki.CaRecords;
import reactor.core.publisher.Mono;

/**
 * What a habilitation check reads, straight from the tables at the moment of the check (no cache):
 * the certificate's status, its holder's status, and the habilitations that hold today.
 */
@Component
class CheckFacts {

    private final DatabaseClient database;
    private final CaRecords cas;

    CheckFacts(DatabaseClient database, CaRecords cas) {
        this.database = database;
        this.cas = cas;
    }

    /** The certificate we issued that {@code reference} designates; empty when we issued none such. */
    Mono<CertificateFacts> certificate(HolderReference reference) {
        return cas.all()
                .filter(ca -> ca.certificate() != null && subjectOf(ca.certificate()).filter(reference.issuer()::equals).isPresent())
                .map(CaRecords.CaRecord::id)
                .collectList()
                .filter(ids -> !ids.isEmpty())
                .flatMap(caIds -> database.sql("select status, holder_id, not_before, not_after, fingerprint_sha256 from certificate"
                                + " where serial = :serial and ca_id = any(:cas)")
                        .bind("serial", reference.serialHex())
                        .bind("cas", caIds.toArray(String[]::new))
                        .map(row -> new CertificateFacts(row.get("status", String.class),
                                Optional.ofNullable(row.get("holder_id", String.class)),
                                row.get("not_before", OffsetDateTime.class).toInstant(),
                                row.get("not_after", OffsetDateTime.class).toInstant(),
                                Optional.ofNullable(row.get("fingerprint_sha256", String.class))))
                        .first())
                .filter(found -> reference.fingerprintSha256().isEmpty() || reference.fingerprintSha256().equals(found.fingerprintSha256()));
    }

    /** The person whose certificates carry {@code holderId}. */
    Mono<HolderFacts> holder(String holderId) {
        return database.sql("select id, status from person where holder_id = :holder")
                .bind("holder", holderId)
                .map(row -> new HolderFacts(row.get("id", UUID.class), "active".equals(row.get("status", String.class))))
                .one();
    }

    /**
     * The person's active habilitations for the application in the collectivities where they hold a
     * current role, with what the rules need: the current delegations there, whether they are its
     * mayor, and for ACTES and HELIOS whether COMEDEC is still active there.
     */
    Mono<List<RightFacts>> rights(UUID personId, Application application, LocalDate today) {
        return database.sql("select h.level, c.id, c.kind, c.siren, c.insee_code, c.name,"
                        + " array(select d.kind from delegation d where d.person_id = h.person_id"
                        + "   and d.collectivity_id = h.collectivity_id and " + current("d") + ") as delegations,"
                        + " exists(select 1 from role_assignment m where m.person_id = h.person_id and m.collectivity_id = h.collectivity_id"
                        + "   and m.role = 'mayor' and " + current("m") + ") as mayor,"
                        + " exists(select 1 from habilitation x where x.person_id = h.person_id and x.collectivity_id = h.collectivity_id"
                        + "   and x.application = 'comedec' and x.status = 'active') as comedec,"
                        + " array(select g.insee_code from collectivity_member cm join collectivity g on g.id = cm.member_id"
                        + "   where cm.grouping_id = c.id and g.insee_code is not null order by g.insee_code) as members"
                        + " from habilitation h join collectivity c on c.id = h.collectivity_id"
                        + " where h.person_id = :person and h.application = :application and h.status = 'active'"
                        + " and exists(select 1 from role_assignment r where r.person_id = h.person_id"
                        + "   and r.collectivity_id = h.collectivity_id and r.role in ('agent', 'mayor', 'delegate') and " + current("r") + ")"
                        + " order by c.name, c.id, h.level")
                .bind("person", personId).bind("application", application.databaseName()).bind("today", today)
                .map(row -> new RightFacts(Level.valueOf(row.get("level", String.class).toUpperCase(java.util.Locale.ROOT)),
                        row.get("id", UUID.class), row.get("kind", String.class), row.get("siren", String.class),
                        row.get("insee_code", String.class), row.get("name", String.class),
                        List.of(row.get("delegations", String[].class)), Boolean.TRUE.equals(row.get("mayor", Boolean.class)),
                        Boolean.TRUE.equals(row.get("comedec", Boolean.class)), List.of(row.get("members", String[].class))))
                .all()
                .collectList();
    }

    /** The row {@code alias} (a role or a delegation) holds on {@code :today}. */
    private static String current(String alias) {
        return alias + ".starts_on <= :today and (" + alias + ".ends_on is null or " + alias + ".ends_on >= :today)";
    }

    private static Optional<javax.security.auth.x500.X500Principal> subjectOf(byte[] der) {
        try {
            return Optional.of(((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der))).getSubjectX500Principal());
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }

    record CertificateFacts(String status, Optional<String> holderId, Instant notBefore, Instant notAfter,
                            Optional<String> fingerprintSha256) {
    }

    record HolderFacts(UUID personId, boolean active) {
    }

    record RightFacts(Level level, UUID collectivityId, String kind, String siren, String inseeCode, String name,
                      List<String> delegations, boolean mayor, boolean comedecActive, List<String> memberInseeCodes) {
    }
}
