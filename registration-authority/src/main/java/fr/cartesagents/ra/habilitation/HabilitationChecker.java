package fr.cartesagents.ra.habilitation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import fr.cartesagents.ra.habilitation.HabilitationAnswer.CollectivityRight;
import reactor.core.publisher.Mono;

/**
 * Answers whether the holder of a certificate holds a habilitation now. Every check reads the
 * tables afresh — certificate status, person status, roles, delegations, habilitations — so a
 * revocation, a departure, an ended role or a withdrawal changes the very next answer. No OCSP
 * response, CRL or in-memory cache is consulted: those may be hours old.
 */
@Service
record HabilitationChecker(CheckFacts facts, Clock clock) {

    Mono<HabilitationAnswer> check(HolderReference reference, Application application) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.now(clock.withZone(HabilitationService.FRANCE));
        Answers answers = new Answers(reference, application, now);
        return facts.certificate(reference)
                .flatMap(certificate -> {
                    if ("revoked".equals(certificate.status())) {
                        return Mono.just(answers.no(certificate.holderId(), DenialReason.CERTIFICATE_REVOKED));
                    }
                    if (!"good".equals(certificate.status()) || now.isBefore(certificate.notBefore())
                            || now.isAfter(certificate.notAfter())) {
                        return Mono.just(answers.no(certificate.holderId(), DenialReason.CERTIFICATE_NOT_VALID_NOW));
                    }
                    if (certificate.holderId().isEmpty()) {
                        return Mono.just(answers.no(Optional.empty(), DenialReason.HOLDER_UNKNOWN));
                    }
                    String holderId = certificate.holderId().get();
                    return facts.holder(holderId, today)
                            .flatMap(holder -> holder.active()
                                    ? facts.rights(holder, application)
                                            .map(rights -> answers.of(holderId, effective(application, rights)))
                                    : Mono.just(answers.no(Optional.of(holderId), DenialReason.HOLDER_DEPARTED)))
                            .defaultIfEmpty(answers.no(Optional.of(holderId), DenialReason.HOLDER_UNKNOWN));
                })
                .defaultIfEmpty(answers.no(Optional.empty(), DenialReason.CERTIFICATE_UNKNOWN));
    }

    /** The rights that hold today, at the level their delegations still support. */
    private static List<CollectivityRight> effective(Application application, List<CheckFacts.RightFacts> rights) {
        return rights.stream()
                .filter(right -> !application.requiresComedec() || right.comedecActive())
                .flatMap(right -> effectiveLevel(right).map(level -> new CollectivityRight(right.collectivityId(), right.kind(),
                        right.siren(), right.inseeCode(), right.name(), level.databaseName(), right.memberInseeCodes(),
                        application.requiredCardProfile().orElse(null))).stream())
                .toList();
    }

    private static Optional<Level> effectiveLevel(CheckFacts.RightFacts right) {
        Level granted = right.level();
        boolean delegationHolds = granted.requiredDelegation()
                .map(required -> right.delegations().contains(required.databaseName()) || (required.heldByTheMayor() && right.mayor()))
                .orElse(true);
        return delegationHolds ? Optional.of(granted) : granted.withoutDelegation();
    }

    /** Builds the answers of one check. */
    private record Answers(HolderReference reference, Application application, Instant now) {

        HabilitationAnswer no(Optional<String> holderId, DenialReason reason) {
            return new HabilitationAnswer(false, application.databaseName(), holderId.orElse(null), reference.serialHex(),
                    reference.issuerName(), List.of(), reason.code(), now);
        }

        HabilitationAnswer of(String holderId, List<CollectivityRight> rights) {
            return rights.isEmpty() ? no(Optional.of(holderId), DenialReason.NOT_HABILITATED)
                    : new HabilitationAnswer(true, application.databaseName(), holderId, reference.serialHex(),
                            reference.issuerName(), rights, null, now);
        }
    }
}
