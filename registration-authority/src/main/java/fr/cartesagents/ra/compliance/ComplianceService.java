package fr.cartesagents.ra.compliance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.collectivity.CollectivityEvent;
import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.audit.AuditDetails;
import fr.cartesagents.ra.web.VersionedUpdates;
import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.web.VersionedChange;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The commune's security questionnaire (answered by its mayor or delegates) and the findings of
 * the audits (recorded and closed by national administrators). An open major non-conformity
 * suspends the collectivity's trust roles in the transaction that records it; closing the last
 * one lifts the suspension (article VII of the CARTES convention).
 */
@Service
public class ComplianceService {

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final ComplianceRepository compliance;
    private final CollectivityQueries collectivities;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final Clock clock;

    ComplianceService(ComplianceRepository compliance, CollectivityQueries collectivities, AccessPolicy policy, AuditTrail audit,
                      TransactionalOperator transactions, Clock clock) {
        this.compliance = compliance;
        this.collectivities = collectivities;
        this.policy = policy;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Mono<QuestionnaireView> questionnaire(Actor actor, UUID collectivity) {
        return policy.require(actor, Permission.READ, collectivity).then(commune(collectivity)).then(view(collectivity));
    }

    public Mono<QuestionnaireView> answer(Actor actor, UUID collectivity, Mono<VersionedChange<QuestionnaireAnswers>> command) {
        return policy.require(actor, Permission.ANSWER_QUESTIONNAIRE, collectivity)
                .then(commune(collectivity))
                .then(command)
                .flatMap(asked -> {
                    EntityVersion expected = asked.expected();
                    QuestionnaireAnswers answers = asked.change();
                    answers.answers().stream().map(QuestionnaireAnswers.Answer::controlPoint)
                            .filter(point -> GuideSsi.controlPoint(point).isEmpty()).findFirst()
                            .ifPresent(unknown -> {
                                throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "questionnaire.unknown-control-point", unknown);
                            });
                    var now = clock.instant();
                    return transactions.transactional(VersionedUpdates.requireUpdated(compliance.bumpQuestionnaire(collectivity,
                                    expected.version()), expected, () -> compliance.questionnaireVersion(collectivity))
                            .thenMany(Flux.fromIterable(answers.answers()))
                            .concatMap(answer -> compliance.saveAnswer(collectivity, answer, actor.auditName(), now))
                            .then(view(collectivity))
                            .flatMap(view -> audit.append(AuditEntry.by(actor, Optional.of(collectivity), ComplianceEvent.QUESTIONNAIRE_ANSWERED,
                                            ComplianceEvent.questionnaire(collectivity), AuditDetails.of(
                                                    "answers", answers.answers().stream()
                                                            .map(answer -> answer.controlPoint() + "=" + answer.applied())
                                                            .collect(Collectors.joining(",")),
                                                    "status", view.status())))
                                    .thenReturn(view)));
                });
    }

    public Flux<FindingView> findings(Actor actor, UUID collectivity) {
        return policy.require(actor, Permission.READ, collectivity).thenMany(compliance.findings(collectivity));
    }

    /** Records a finding; joins the caller's transaction (the idempotency layer's). */
    public Mono<FindingView> recordFinding(Actor actor, UUID collectivity, NewFinding finding) {
        UUID id = UUID.randomUUID();
        if (finding.foundOn().isAfter(today())) {
            return Mono.error(ProblemException.localized(ProblemType.VALIDATION_FAILED, "finding.date-in-future", finding.foundOn()));
        }
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(policy.require(actor, Permission.ADMINISTER, collectivity))
                .then(collectivities.lock(collectivity))
                .then(compliance.insertFinding(id, collectivity, finding, actor.auditName()))
                .then(audit.append(AuditEntry.by(actor, Optional.of(collectivity), ComplianceEvent.FINDING_RECORDED, ComplianceEvent.finding(id),
                        Map.of("severity", finding.severity(), "foundOn", finding.foundOn().toString()))))
                .then(trustFollowsFindings(actor, collectivity, id))
                .then(compliance.finding(id));
    }

    public Mono<FindingView> closeFinding(Actor actor, UUID collectivity, UUID findingId, Mono<VersionedChange<FindingClosure>> command) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(policy.require(actor, Permission.ADMINISTER, collectivity))
                .then(compliance.finding(findingId).filter(found -> found.collectivityId().equals(collectivity)))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND, "finding.not-found", findingId.toString())))
                .flatMap(current -> command.flatMap(asked -> {
                    EntityVersion expected = asked.expected();
                    FindingClosure closure = asked.change();
                    FindingState.LIFECYCLE.next(FindingState.Action.CLOSE, FindingState.fromApiName(current.state()));
                    if (closure.closedOn().isBefore(current.foundOn()) || closure.closedOn().isAfter(today())) {
                        throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "finding.closing-date", closure.closedOn(),
                                current.foundOn());
                    }
                    return transactions.transactional(collectivities.lock(collectivity)
                            .then(VersionedUpdates.requireUpdated(compliance.closeFinding(findingId, expected.version(), closure,
                                    actor.auditName()), expected, () -> compliance.findingVersion(findingId)))
                            .then(audit.append(AuditEntry.by(actor, Optional.of(collectivity), ComplianceEvent.FINDING_CLOSED,
                                    ComplianceEvent.finding(findingId),
                                    AuditDetails.of("severity", current.severity(), "closedOn", closure.closedOn().toString()))))
                            .then(trustFollowsFindings(actor, collectivity, findingId))
                            .then(compliance.finding(findingId)));
                }));
    }

    /** The trust flag follows the open major findings; a change is audited with the finding that caused it. */
    private Mono<Void> trustFollowsFindings(Actor actor, UUID collectivity, UUID finding) {
        return compliance.hasOpenMajorFinding(collectivity)
                .flatMap(open -> collectivities.setTrustSuspended(collectivity, open))
                .flatMap(suspended -> audit.append(AuditEntry.by(actor, Optional.of(collectivity),
                        suspended ? CollectivityEvent.TRUST_SUSPENDED : CollectivityEvent.TRUST_RESTORED, CollectivityEvent.target(collectivity),
                        Map.of("finding", finding.toString()))))
                .then();
    }

    private Mono<QuestionnaireView> view(UUID collectivity) {
        return Mono.zip(compliance.answers(collectivity).collectMap(ComplianceRepository.StoredAnswer::controlPoint, Function.identity()),
                        compliance.questionnaireVersion(collectivity))
                .map(found -> view(collectivity, found.getT1(), found.getT2()));
    }

    private static QuestionnaireView view(UUID collectivity, Map<String, ComplianceRepository.StoredAnswer> answers, long version) {
        List<QuestionnaireView.MeasureView> measures = new ArrayList<>();
        List<MeasureStatus> statuses = new ArrayList<>();
        for (GuideSsi.Measure measure : GuideSsi.MEASURES) {
            List<QuestionnaireView.ControlPointView> points = new ArrayList<>();
            Map<String, Boolean> applied = new HashMap<>();
            for (int rank = 0; rank < measure.controlPoints().size(); rank++) {
                String id = measure.controlPointIds().get(rank);
                Optional<ComplianceRepository.StoredAnswer> answer = Optional.ofNullable(answers.get(id));
                applied.put(id, answer.map(ComplianceRepository.StoredAnswer::applied).orElse(null));
                points.add(new QuestionnaireView.ControlPointView(id, measure.controlPoints().get(rank),
                        answer.map(ComplianceRepository.StoredAnswer::applied).orElse(null),
                        answer.map(ComplianceRepository.StoredAnswer::comment).orElse(null),
                        answer.map(ComplianceRepository.StoredAnswer::answeredAt).orElse(null)));
            }
            MeasureStatus status = MeasureStatus.of(applied.values());
            statuses.add(status);
            measures.add(new QuestionnaireView.MeasureView(measure.number(), measure.section(), measure.title(), status.apiName(), points));
        }
        return new QuestionnaireView(collectivity, GuideSsi.EDITION, MeasureStatus.overall(statuses).apiName(), answers.size(),
                GuideSsi.controlPointCount(), measures, version);
    }

    private Mono<Void> commune(UUID collectivity) {
        return collectivities.kindOf(collectivity).flatMap(kind -> "commune".equals(kind) ? Mono.<Void>empty()
                : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "questionnaire.communes-only")));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(FRANCE));
    }
}
