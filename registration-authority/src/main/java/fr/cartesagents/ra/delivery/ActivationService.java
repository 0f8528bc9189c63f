package fr.cartesagents.ra.delivery;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.card.CardEvent;
import fr.cartesagents.ra.card.CardLifecycle;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * Activation: the card leaves the hand-over with its transport PIN; the holder sets their own PIN
 * through the bridge, which proves it by having the card's authentication key (usable only after
 * the PIN) sign a one-time challenge of the server; a good signature moves the card to active.
 * Challenges live in the database (any instance answers), expire, and are used once.
 */
@Service
class ActivationService {

    private static final int CHALLENGE_BYTES = 32;

    private final CardQueries cards;
    private final CardTransitions cardTransitions;
    private final HandOverService handOvers;
    private final DeliveryRepository repository;
    private final CertificateRecords certificates;
    private final DeliveryProperties properties;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ActivationService(CardQueries cards, CardTransitions cardTransitions, HandOverService handOvers, DeliveryRepository repository,
                      CertificateRecords certificates, DeliveryProperties properties, AuditTrail audit,
                      TransactionalOperator transactions, Clock clock) {
        this.cards = cards;
        this.cardTransitions = cardTransitions;
        this.handOvers = handOvers;
        this.repository = repository;
        this.certificates = certificates;
        this.properties = properties;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A challenge for a delivered card (its holder, or who handed it over). */
    Mono<Map<String, Object>> challenge(Actor actor, UUID cardId) {
        return handOvers.authorizeHolderOrOperator(actor, cardId)
                .flatMap(authorized -> transactions.transactional(cards.lock(cardId).flatMap(card -> {
                    CardLifecycle.TABLE.next(CardAction.ACTIVATE, card.state());
                    byte[] challenge = new byte[CHALLENGE_BYTES];
                    random.nextBytes(challenge);
                    Instant expiresAt = clock.instant().plus(properties.activationChallengeLifetime()).truncatedTo(ChronoUnit.SECONDS);
                    return repository.putChallenge(cardId, challenge, expiresAt)
                            .then(audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()),
                                    DeliveryEvent.ACTIVATION_CHALLENGED, CardEvent.target(cardId),
                                    Map.of("expiresAt", expiresAt.toString()))))
                            .thenReturn(Map.<String, Object>of("cardId", cardId,
                                    "challenge", Base64.getEncoder().encodeToString(challenge), "expiresAt", expiresAt));
                })));
    }

    /** Checks the signed challenge and activates the card, in one transaction with its audit event. */
    Mono<Card> activate(Actor actor, UUID cardId, Mono<ActivationRequest> body) {
        return handOvers.authorizeHolderOrOperator(actor, cardId)
                .then(body)
                .flatMap(request -> transactions.transactional(cards.lock(cardId).flatMap(card -> {
                    CardLifecycle.TABLE.next(CardAction.ACTIVATE, card.state());
                    byte[] answered = decode(request.challenge(), "challenge");
                    byte[] signature = decode(request.signature(), "signature");
                    return repository.takeChallenge(cardId, clock.instant())
                            .filter(issued -> MessageDigest.isEqual(issued, answered))
                            .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.RULE_VIOLATED,
                                    "activation.no-challenge")))
                            .flatMap(issued -> authenticationKey(card)
                                    .flatMap(key -> verifies(key, issued, signature) ? Mono.just(key)
                                            : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED,
                                                    "activation.bad-signature"))))
                            .then(cardTransitions.move(actor, cardId, CardAction.ACTIVATE, Optional.empty(),
                                    Map.of("proof", "authentication-key-signature")));
                })));
    }

    private Mono<PublicKey> authenticationKey(Card card) {
        return certificates.find(new BigInteger(card.authenticationSerial(), 16))
                .flatMap(record -> Mono.justOrEmpty(record.der()))
                .map(der -> {
                    try {
                        return new JcaX509CertificateConverter().getCertificate(new X509CertificateHolder(der)).getPublicKey();
                    } catch (java.io.IOException | java.security.cert.CertificateException e) {
                        throw new IllegalStateException("The stored authentication certificate of card " + card.id() + " is unreadable", e);
                    }
                });
    }

    /** SHA-256 with RSA PKCS#1 v1.5 or ECDSA, as the bridge's ChallengeSigner signs. */
    private static boolean verifies(PublicKey key, byte[] challenge, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "handover.not-base64", field);
        }
    }
}
