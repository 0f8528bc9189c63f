package fr.cartesagents.ra.unblock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTarget;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardState;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.holdercode.CodeHasher;
import fr.cartesagents.ra.holdercode.Codes;
import fr.cartesagents.ra.notification.Notifications;
import fr.cartesagents.ra.notification.UnblockCode;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.ratelimit.RateLimit;
import fr.cartesagents.ra.ratelimit.RateLimitSettings;
import fr.cartesagents.ra.ratelimit.RateLimiter;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Unblocking a card whose PIN is blocked (Art. V), server-assisted: the holder (or their mayor,
 * delegate or registration office for them) asks; a one-time code valid 15 minutes goes to the
 * holder's registered address; with it, the holder's workstation gets THAT card's unblock secret
 * (derived from the master key and the card serial, {@link CardUnblockSecrets}) and resets the PIN.
 *
 * <p>The unblock itself needs no client certificate (a blocked card cannot log in): the code is the
 * credential. So: 3 code requests per card per hour (the registration office is not limited); 30 attempts per address per hour; after 5
 * wrong codes the card's remote unblock is locked until the registration office asks for a new
 * code (after checking who asks); every attempt is audited; a wrong code and an unknown card get
 * the same answer.
 */
@Service
class UnblockService {

    static final int WRONG_CODES_BEFORE_LOCK = 5;
    static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    private static final Set<CardState> UNBLOCKABLE = EnumSet.of(CardState.DELIVERED, CardState.ACTIVE);

    private final CardQueries cards;
    private final CardTransitions cardTransitions;
    private final AccessPolicy policy;
    private final UnblockCodes codes;
    private final CodeHasher hasher;
    private final CardUnblockSecrets secrets;
    private final RateLimiter limiter;
    private final RateLimit requestsPerCard;
    private final RateLimit attemptsPerAddress;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final Clock clock;

    UnblockService(CardQueries cards, CardTransitions cardTransitions, AccessPolicy policy, UnblockCodes codes, CodeHasher hasher, CardUnblockSecrets secrets,
                   RateLimiter limiter, RateLimitSettings limits, Notifications notifications, AuditTrail audit,
                   TransactionalOperator transactions, Clock clock) {
        this.requestsPerCard = limits.unblockRequestsPerCard().named("unblock-request-card");
        this.attemptsPerAddress = limits.unblockAttemptsPerAddress().named("unblock-attempt-address");
        this.cards = cards;
        this.cardTransitions = cardTransitions;
        this.policy = policy;
        this.codes = codes;
        this.hasher = hasher;
        this.secrets = secrets;
        this.limiter = limiter;
        this.notifications = notifications;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Mails a new code to the holder; the registration office's request also lifts a lock-out. */
    Mono<UnblockCodeView> requestCode(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> authorize(actor, card).flatMap(byOffice -> {
                    if (!UNBLOCKABLE.contains(card.state())) {
                        return Mono.error(ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "unblock.card-state",
                                card.state().databaseName()));
                    }
                    // The office checked who asks (and may have to lift a lock): it is not limited per card.
                    Mono<Void> limited = byOffice ? Mono.empty()
                            : limiter.hit(requestsPerCard, cardId.toString()).flatMap(decision -> decision.orRefuse());
                    return limited.then(transactions.transactional(issue(actor, card, byOffice)));
                }));
    }

    private Mono<UnblockCodeView> issue(Actor actor, Card card, boolean byOffice) {
        String code = Codes.digits(8);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(CODE_LIFETIME);
        AuditTarget target = AuditTarget.of("card", card.id());
        return codes.lock(card.id())
                .flatMap(lock -> {
                    if (lock.locked() && !byOffice) {
                        return Mono.error(ProblemException.localized(ProblemType.LOCKED_OUT, "unblock.locked"));
                    }
                    Mono<Void> lift = lock.locked() || lock.wrongCodes() > 0
                            ? codes.reset(card.id()).then(lock.locked()
                                    ? audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()), UnblockEvent.LOCK_LIFTED,
                                            target, Map.of())).then() : Mono.empty())
                            : Mono.empty();
                    return lift.then(hasher.hash(code))
                            .flatMap(hash -> codes.replace(card.id(), hash, actor.auditName(), now, expiresAt))
                            .then(audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()), UnblockEvent.CODE_REQUESTED,
                                    target, Map.of("expiresAt", expiresAt.toString()))))
                            // Asking to unblock is how the server learns the PIN is blocked (the dashboard's figure)
                            .then(cardTransitions.pinBlocked(actor, card))
                            .then(holderName(card))
                            .flatMap(name -> notifications.enqueueToPerson(card.personId(),
                                    new UnblockCode(name, card.cardSerial(), code, expiresAt)))
                            .thenReturn(new UnblockCodeView(card.id(), "sent", expiresAt));
                });
    }

    /** The holder themselves, or their card managers or registration office (true: the office, which may lift a lock). */
    private Mono<Boolean> authorize(Actor actor, Card card) {
        boolean national = actor.grants().stream().anyMatch(g -> g.role() == Role.NATIONAL_ADMINISTRATOR && g.scope().isEmpty());
        return policy.allows(actor, Permission.HAND_OVER_CARDS, card.collectivityId())
                .flatMap(manager -> {
                    if (!manager && !actor.isPerson(card.personId())) {
                        return Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "unblock.denied"));
                    }
                    boolean office = manager && (national || actor.has(Role.REGISTRATION_OFFICER));
                    return Mono.just(office);
                });
    }

    /** With the mailed code: THAT card's secret, or 422 (wrong code, unknown card), 423 (locked), 429 (too many). */
    Mono<UnblockSecretView> unblock(UUID cardId, UnblockRequest request, String address) {
        Instant now = clock.instant();
        return limiter.hit(attemptsPerAddress, address).flatMap(decision -> decision.orRefuse())
                .then(transactions.transactional(cards.find(cardId)
                        .flatMap(card -> attempt(card, request, address, now))
                        .switchIfEmpty(Mono.defer(() -> hasher.dummyCheck(request.code())
                                .then(audit.append(anonymous(address, UnblockEvent.CODE_REJECTED, AuditTarget.of("card", cardId),
                                        Map.of("known", "false"))))
                                .thenReturn(Outcome.REJECTED_UNKNOWN)))))
                .flatMap(outcome -> switch (outcome.kind()) {
                    case RELEASED -> Mono.just(outcome.secret());
                    case LOCKED -> Mono.error(ProblemException.localized(ProblemType.LOCKED_OUT, "unblock.locked"));
                    case WRONG_CARD -> Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "unblock.wrong-card"));
                    case REJECTED -> Mono.error(ProblemException.localized(ProblemType.CREDENTIALS_REJECTED, "unblock.rejected"));
                });
    }

    private Mono<Outcome> attempt(Card card, UnblockRequest request, String address, Instant now) {
        AuditTarget target = AuditTarget.of("card", card.id());
        Optional<UUID> collectivity = Optional.of(card.collectivityId());
        return codes.lock(card.id()).flatMap(lock -> {
            if (lock.locked()) {
                return audit.append(anonymous(address, UnblockEvent.LOCKED_ATTEMPT, target, Map.of(), collectivity))
                        .thenReturn(Outcome.LOCKED_OUT);
            }
            if (request.cardSerial() != null && !request.cardSerial().strip().equalsIgnoreCase(card.cardSerial())) {
                return audit.append(anonymous(address, UnblockEvent.CODE_REJECTED, target, Map.of("cardInReader", request.cardSerial().strip()), collectivity))
                        .thenReturn(Outcome.WRONG_CARD_IN_READER);
            }
            return codes.open(card.id(), now).collectList().flatMap(open -> (open.isEmpty()
                            ? hasher.dummyCheck(request.code()).thenReturn(Optional.<UnblockCodes.OpenCode>empty())
                            : Flux.fromIterable(open).concatMap(candidate -> hasher.matches(request.code().strip(), candidate.hash())
                                            .filter(Boolean::booleanValue).map(ok -> candidate))
                                    .next().map(Optional::of).defaultIfEmpty(Optional.empty()))
                    .flatMap(match -> match.isPresent()
                            ? release(card, match.get(), request, address, now)
                            : wrong(card, lock, address, now)));
        });
    }

    private Mono<Outcome> release(Card card, UnblockCodes.OpenCode code, UnblockRequest request, String address, Instant now) {
        UnblockSecretView secret;
        try {
            secret = request.challenge() == null || request.challenge().isBlank()
                    ? new UnblockSecretView(card.id(), card.cardSerial(), secrets.puk(card.cardSerial()).digits(), null)
                    : new UnblockSecretView(card.id(), card.cardSerial(), null, Base64.getEncoder().encodeToString(
                            secrets.unblockResponse(card.cardSerial(), Base64.getDecoder().decode(request.challenge().strip()))));
        } catch (IllegalArgumentException e) {
            return Mono.error(ProblemException.localized(ProblemType.VALIDATION_FAILED, "unblock.challenge"));
        }
        return codes.markReleased(code.id(), now)
                .then(codes.reset(card.id()))
                .then(audit.append(anonymous(address, UnblockEvent.SECRET_RELEASED, AuditTarget.of("card", card.id()), Map.of("form", secret.puk() != null ? "puk" : "challenge-response"), Optional.of(card.collectivityId()))))
                .thenReturn(new Outcome(OutcomeKind.RELEASED, secret));
    }

    private Mono<Outcome> wrong(Card card, UnblockCodes.LockState lock, String address, Instant now) {
        int wrongCodes = lock.wrongCodes() + 1;
        boolean lockNow = wrongCodes >= WRONG_CODES_BEFORE_LOCK;
        AuditTarget target = AuditTarget.of("card", card.id());
        Mono<Void> lockOut = lockNow ? codes.withdrawOutstanding(card.id(), now) : Mono.empty();
        return codes.recordWrong(card.id(), wrongCodes, lockNow, now)
                .then(lockOut)
                .then(audit.append(anonymous(address, UnblockEvent.CODE_REJECTED, target, Map.of("wrongCodes", Integer.toString(wrongCodes)), Optional.of(card.collectivityId()))))
                .then(lockNow ? audit.append(anonymous(address, UnblockEvent.LOCKED_OUT, target, Map.of(), Optional.of(card.collectivityId()))).then() : Mono.empty())
                .thenReturn(lockNow ? Outcome.LOCKED_OUT : Outcome.REJECTED_UNKNOWN);
    }

    /**
     * The bridge reset the PIN with the released secret (reported by the holder's page): the card is
     * no longer recorded as blocked. Refused (409) while no secret was released since the block was
     * recorded; nothing to do when it is not recorded as blocked.
     */
    Mono<Void> completed(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> authorize(actor, card))
                .then(transactions.transactional(cards.lock(cardId).flatMap(card -> card.pinBlockedSince()
                        .map(since -> codes.releasedSince(cardId, since).flatMap(released -> released
                                ? cardTransitions.pinWorks(actor, card, "unblock-reported")
                                : Mono.<Void>error(ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "unblock.not-released"))))
                        .orElse(Mono.empty()))));
    }

    private Mono<String> holderName(Card card) {
        return notifications.displayName(card.personId());
    }

    private static AuditEntry anonymous(String address, UnblockEvent event, AuditTarget target, Map<String, String> details) {
        return anonymous(address, event, target, details, Optional.empty());
    }

    /** The caller of the unblock route is known only by the code they hold and their address. */
    private static AuditEntry anonymous(String address, UnblockEvent event, AuditTarget target, Map<String, String> details,
                                        Optional<UUID> collectivity) {
        return new AuditEntry("anonymous (unblock code)", event.auditName(), target.toString(), details, collectivity,
                Optional.of(address));
    }

    private enum OutcomeKind { RELEASED, LOCKED, WRONG_CARD, REJECTED }

    private record Outcome(OutcomeKind kind, UnblockSecretView secret) {
        static final Outcome LOCKED_OUT = new Outcome(OutcomeKind.LOCKED, null);
        static final Outcome WRONG_CARD_IN_READER = new Outcome(OutcomeKind.WRONG_CARD, null);
        static final Outcome REJECTED_UNKNOWN = new Outcome(OutcomeKind.REJECTED, null);
    }
}
