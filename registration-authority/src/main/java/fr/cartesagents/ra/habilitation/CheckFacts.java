package fr.cartesagents.ra.habilitation;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.certificate.CertificateRecord;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.collectivity.CollectivityQueries.CollectivityIdentity;
import fr.cartesagents.ra.directory.PersonQueries;
import fr.cartesagents.ra.directory.PersonQueries.HolderMemberships;
import fr.cartesagents.ra.directory.PersonQueries.Membership;
import fr.cartesagents.ra.pki.CaRecords;
import fr.cartesagents.ra.security.CertificateFingerprint;
import reactor.core.publisher.Mono;

/**
 * What a habilitation check reads, from the owners of the tables at the moment of the check (no
 * cache): the certificate's status ({@code certificate}), its holder's status and memberships with
 * their delegations ({@code directory}, one statement), then at once the habilitations that hold
 * today (this package) and how the collectivities are named ({@code collectivity}): three round trips
 * one after the other, as when one statement joined the last two.
 */
@Component
record CheckFacts(CertificateRecords certificates, PersonQueries people, CollectivityQueries collectivities,
                  Habilitations habilitations, CaRecords cas) {

    /** The certificate we issued that {@code reference} designates; empty when we issued none such. */
    Mono<CertificateFacts> certificate(HolderReference reference) {
        return cas.all()
                .filter(ca -> ca.certificate() != null && subjectOf(ca.certificate()).filter(reference.issuer()::equals).isPresent())
                .map(CaRecords.CaRecord::id)
                .collect(Collectors.toSet())
                .filter(ids -> !ids.isEmpty())
                .flatMap(caIds -> certificates.find(reference.serial()).filter(found -> caIds.contains(found.caId())))
                .map(CheckFacts::certificateFacts)
                .filter(found -> reference.fingerprintSha256().isEmpty() || reference.fingerprintSha256().equals(found.fingerprintSha256()));
    }

    private static CertificateFacts certificateFacts(CertificateRecord record) {
        return new CertificateFacts(record.status().databaseName(), record.holderId(), record.notBefore(), record.notAfter(),
                record.der().map(CertificateFingerprint::sha256));
    }

    /** The person whose certificates carry {@code holderId}, and where they belong on {@code today}. */
    Mono<HolderMemberships> holder(String holderId, LocalDate today) {
        return people.holderMemberships(holderId, today);
    }

    /**
     * The holder's active habilitations for the application in the collectivities where they hold a
     * current role, with what the rules need: the current delegations there, whether they are its
     * mayor, and for ACTES and HELIOS whether COMEDEC is still active there; by collectivity name.
     */
    Mono<List<RightFacts>> rights(HolderMemberships holder, Application application) {
        Map<UUID, Membership> memberships = holder.memberships().stream()
                .collect(Collectors.toMap(Membership::collectivityId, Function.identity()));
        if (memberships.isEmpty()) {
            return Mono.just(List.of());
        }
        Set<UUID> where = memberships.keySet();
        return Mono.zip(habilitations.activeIn(holder.personId(), application, where).collectList(),
                        collectivities.identities(where).collectList())
                .map(found -> {
                    List<RightFacts> rights = new ArrayList<>();
                    for (CollectivityIdentity collectivity : found.getT2()) {
                        Membership membership = memberships.get(collectivity.id());
                        found.getT1().stream().filter(right -> right.collectivityId().equals(collectivity.id()))
                                .forEach(right -> rights.add(new RightFacts(right.level(), collectivity.id(), collectivity.kind(),
                                        collectivity.siren(), collectivity.inseeCode(), collectivity.name(),
                                        membership.delegations(), membership.mayor(), right.comedecActive(),
                                        collectivity.memberInseeCodes())));
                    }
                    return List.copyOf(rights);
                });
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

    record RightFacts(Level level, UUID collectivityId, String kind, String siren, String inseeCode, String name,
                      List<String> delegations, boolean mayor, boolean comedecActive, List<String> memberInseeCodes) {
    }
}
