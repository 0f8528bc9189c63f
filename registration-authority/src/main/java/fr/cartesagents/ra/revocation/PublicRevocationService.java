package fr.cartesagents.ra.revocation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import fr.cartesagents.ra.holdercode.CodeHasher;
import fr.cartesagents.ra.holdercode.Codes;
import fr.cartesagents.ra.notification.NotificationProperties;
import fr.cartesagents.ra.notification.Notifications;
import fr.cartesagents.ra.notification.RevocationLink;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.ratelimit.RateLimit;
import fr.cartesagents.ra.ratelimit.RateLimitSettings;
import fr.cartesagents.ra.ratelimit.RateLimiter;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Declaring a loss or a theft without the card (issue 17, Art. VI "déclarer sans délai, via
 * l'Internet"), reachable without any client certificate. Two ways: the personal revocation code
 * with the holder id or e-mail address; or a one-time link mailed to the holder's registered address.
 *
 * <p>What an attacker must not learn or do: whether a holder or an address exists (every refusal is
 * the same 422, after the same Argon2 work, and a link request is always "accepted"); guess codes
 * (by default 5 tries per holder per 15 minutes, 20 per address per hour: {@code cartes.rate-limits.*}; counted in the database for the whole
 * cluster, refused attempts included); revoke with a wrong code (only a matching hash revokes).
 * Every attempt is in the audit trail, committed even when the answer is a refusal.
 */
@Service
class PublicRevocationService {

    private final RateLimit codesPerHolder;
    private final RateLimit codesPerAddress;
    private final RateLimit linksPerHolder;
    private final RateLimit linksPerAddress;
    private final RateLimit tokensPerAddress;
    static final Duration LINK_LIFETIME = Duration.ofMinutes(30);
    private static final String ANONYMOUS = "anonymous";

    private final HolderRevocations holders;
    private final RevocationCodes codes;
    private final RevocationLinks links;
    private final CardRevoker revoker;
    private final CodeHasher hasher;
    private final RateLimiter limiter;
    private final AuditTrail audit;
    private final Notifications notifications;
    private final NotificationProperties notificationSettings;
    private final TransactionalOperator transactions;
    private final Clock clock;

    PublicRevocationService(HolderRevocations holders, RevocationCodes codes, RevocationLinks links, CardRevoker revoker,
                            CodeHasher hasher, RateLimiter limiter, AuditTrail audit, Notifications notifications,
                            NotificationProperties notificationSettings, RateLimitSettings limits, TransactionalOperator transactions,
                            Clock clock) {
        this.codesPerHolder = limits.revocationCodesPerHolder().named("revocation-code-holder");
        this.codesPerAddress = limits.revocationCodesPerAddress().named("revocation-code-address");
        this.linksPerHolder = limits.revocationLinksPerHolder().named("revocation-link-holder");
        this.linksPerAddress = limits.revocationLinksPerAddress().named("revocation-link-address");
        this.tokensPerAddress = limits.revocationTokensPerAddress().named("revocation-token-address");
        this.holders = holders;
        this.codes = codes;
        this.links = links;
        this.revoker = revoker;
        this.hasher = hasher;
        this.limiter = limiter;
        this.audit = audit;
        this.notifications = notifications;
        this.notificationSettings = notificationSettings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A code (with holder id or e-mail) or a link's token: the cards revoked, or 422/429. */
    Mono<PublicRevocationView> revoke(PublicRevocationRequest request, String address) {
        boolean hasToken = request.token() != null && !request.token().isBlank();
        boolean hasCode = request.code() != null && !request.code().isBlank();
        if (hasToken == hasCode || hasToken && (request.holderId() != null || request.email() != null)) {
            return Mono.error(ProblemException.localized(ProblemType.VALIDATION_FAILED, "revocation.code-or-token"));
        }
        return hasToken ? revokeByLink(request.token().strip(), address)
                : Mono.fromCallable(() -> new CodeAttempt(HolderIdentifier.of(request.holderId(), request.email()),
                        withoutCardReason(request.reason()), Codes.normalizeRevocationCode(request.code())))
                .flatMap(attempt -> revokeByCode(attempt, address));
    }

    /** Mails a one-time link when the holder exists and has a card to revoke; the same answer either way. */
    Mono<Void> requestLink(RevocationLinkRequest request, String address) {
        HolderIdentifier identifier = HolderIdentifier.of(request.holderId(), request.email());
        CardRevocationReason reason = withoutCardReason(request.reason());
        return limited(linksPerHolder, linksPerAddress, identifier, address)
                .then(transactions.transactional(holders.holders(identifier)
                        .concatMap(holder -> holders.revocableCards(holder.personId()).hasElements()
                                .flatMap(any -> any ? mailLink(holder, reason) : Mono.just(false)))
                        .reduce(false, Boolean::logicalOr)
                        .flatMap(sent -> audit.append(anonymous(address, RevocationEvent.LINK_REQUESTED, identifier,
                                Map.of("reason", reason.apiName(), "linkSent", Boolean.toString(sent)))))))
                .then();
    }

    private Mono<PublicRevocationView> revokeByCode(CodeAttempt attempt, String address) {
        return limited(codesPerHolder, codesPerAddress, attempt.identifier(), address)
                .then(transactions.transactional(matchingCard(attempt)
                        .flatMap(found -> found.isEmpty()
                                ? audit.append(anonymous(address, RevocationEvent.CODE_REJECTED, attempt.identifier(),
                                        Map.of("reason", attempt.reason().apiName()))).thenReturn(Optional.<PublicRevocationView>empty())
                                : accept(found.get(), attempt, address).map(Optional::of))))
                .flatMap(outcome -> outcome.map(Mono::just).orElseGet(() -> Mono.error(rejected())));
    }

    /** Checks the code against each revocable card of the holder(s) that has one; no card at all costs one dummy check. */
    private Mono<Optional<CodedCard>> matchingCard(CodeAttempt attempt) {
        return holders.holders(attempt.identifier())
                .concatMap(holder -> holders.revocableCards(holder.personId())
                        .concatMap(card -> codes.unusedHash(card.id()).map(hash -> new CodedCard(holder, card, hash))))
                .collectList()
                .flatMap(coded -> coded.isEmpty() ? hasher.dummyCheck(attempt.code()).thenReturn(Optional.<CodedCard>empty())
                        : Flux.fromIterable(coded)
                                .concatMap(candidate -> hasher.matches(attempt.code(), candidate.hash())
                                        .filter(Boolean::booleanValue).map(matched -> candidate))
                                .next()
                                .map(Optional::of)
                                .defaultIfEmpty(Optional.empty()));
    }

    private Mono<PublicRevocationView> accept(CodedCard found, CodeAttempt attempt, String address) {
        Actor holder = holderActor(found.holder(), "revocation-code", address);
        return audit.append(AuditEntry.by(holder, Optional.of(found.card().collectivityId()), RevocationEvent.CODE_ACCEPTED,
                        AuditTarget.of("card", found.card().id()), Map.of("reason", attempt.reason().apiName())))
                .then(codes.markUsed(found.card().id()))
                .then(revoker.revoke(holder, found.card().id(), attempt.reason(), RevokerCapacity.HOLDER_WITHOUT_CARD))
                .map(view -> new PublicRevocationView(List.of(view)));
    }

    private Mono<PublicRevocationView> revokeByLink(String token, String address) {
        Instant now = clock.instant();
        return limiter.hit(tokensPerAddress, address).flatMap(decision -> decision.orRefuse())
                .then(transactions.transactional(links.use(Codes.tokenHash(token), now)
                        .flatMap(link -> revokeAllOf(link, address).map(Optional::of))
                        .switchIfEmpty(Mono.defer(() -> audit.append(new AuditEntry(ANONYMOUS, RevocationEvent.LINK_REJECTED.auditName(),
                                        new AuditTarget("card-revocation-link", Codes.tokenHash(token).substring(0, 16)).toString(),
                                        Map.of(), Optional.empty(), Optional.of(address)))
                                .thenReturn(Optional.<PublicRevocationView>empty())))))
                .flatMap(outcome -> outcome.map(Mono::just).orElseGet(() -> Mono.error(rejected())));
    }

    private Mono<PublicRevocationView> revokeAllOf(RevocationLinks.UsedLink link, String address) {
        return holders.holderOf(link.personId())
                .flatMap(holder -> {
                    Actor actor = holderActor(holder, "revocation-link", address);
                    return holders.revocableCards(link.personId())
                            .concatMap(card -> audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()),
                                            RevocationEvent.LINK_ACCEPTED, AuditTarget.of("card", card.id()),
                                            Map.of("reason", link.reason().apiName())))
                                    .then(revoker.revoke(actor, card.id(), link.reason(), RevokerCapacity.HOLDER_WITHOUT_CARD)))
                            .collectList()
                            .map(PublicRevocationView::new);
                });
    }

    private Mono<Boolean> mailLink(HolderRevocations.Holder holder, CardRevocationReason reason) {
        String token = Codes.token();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LINK_LIFETIME);
        // The token in the fragment: browsers do not send it to any server, so no access log keeps it.
        URI link = URI.create(notificationSettings.portalUrl() + "/revocation#jeton=" + token);
        return links.add(Codes.tokenHash(token), holder.personId(), reason, now, expiresAt)
                .then(notifications.displayName(holder.personId()))
                .flatMap(name -> notifications.enqueueToPerson(holder.personId(), new RevocationLink(name, link, expiresAt)))
                .thenReturn(true);
    }

    private Mono<Void> limited(RateLimit perHolder, RateLimit perAddress, HolderIdentifier identifier, String address) {
        return limiter.hit(perHolder, identifier.bucket())
                .zipWith(limiter.hit(perAddress, address), (holder, origin) -> holder.and(origin))
                .flatMap(decision -> decision.allowed() ? Mono.<Void>empty()
                        : transactions.transactional(audit.append(anonymous(address, RevocationEvent.RATE_LIMITED, identifier,
                                        Map.of("limit", perHolder.name()))))
                                .then(decision.orRefuse()));
    }

    private static CardRevocationReason withoutCardReason(String value) {
        return CardRevocationReason.fromApiName(value == null ? "" : value.strip())
                .filter(RevokerCapacity.HOLDER_WITHOUT_CARD::may)
                .orElseThrow(() -> ProblemException.localized(ProblemType.VALIDATION_FAILED, "revocation.reason-without-card"));
    }

    private static AuditEntry anonymous(String address, RevocationEvent event, HolderIdentifier identifier, Map<String, String> details) {
        return new AuditEntry(ANONYMOUS, event.auditName(), new AuditTarget("card-revocation", identifier.bucket()).toString(),
                details, Optional.empty(), Optional.of(address));
    }

    private static Actor holderActor(HolderRevocations.Holder holder, String origin, String address) {
        return new Actor("holder:" + holder.holderId() + " (" + origin + ")", Optional.of(holder.personId()), Set.of(), origin,
                Optional.of(address));
    }

    private static ProblemException rejected() {
        return ProblemException.localized(ProblemType.CREDENTIALS_REJECTED, "revocation.rejected");
    }

    private record CodeAttempt(HolderIdentifier identifier, CardRevocationReason reason, String code) {

        @Override
        public String toString() {
            return "CodeAttempt[" + identifier.bucket() + ", code hidden]";
        }
    }

    private record CodedCard(HolderRevocations.Holder holder, Card card, String hash) {
    }
}
