package fr.cartesagents.ra.delivery;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.card.CardLifecycle;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.order.CardOperators;
import fr.cartesagents.ra.order.OrderFulfilment;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The face-to-face hand-over (Art. III, IV, VI): the registration office (or, for an agent, the
 * mayor or a delegate whose trust roles are not suspended) checks the holder's identity document,
 * keeps its copy sealed, and delivers the card once the holder accepted the current terms of use
 * and signed the receipt with the card's new signature key. One transaction: the hand-over record,
 * the card's and the order's moves, their audit events, and what listeners add.
 */
@Service
class HandOverService {

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final CardQueries cards;
    private final CardTransitions cardTransitions;
    private final CardOperators operators;
    private final OrderFulfilment orders;
    private final DeliveryRepository repository;
    private final CertificateRecords certificates;
    private final DocumentVaults vaults;
    private final DeliveryProperties properties;
    private final List<HandOverListener> listeners;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    HandOverService(CardQueries cards, CardTransitions cardTransitions, CardOperators operators, OrderFulfilment orders,
                    DeliveryRepository repository, CertificateRecords certificates, DocumentVaults vaults, DeliveryProperties properties,
                    List<HandOverListener> listeners, TransactionalOperator transactions, Clock clock) {
        this.cards = cards;
        this.cardTransitions = cardTransitions;
        this.operators = operators;
        this.orders = orders;
        this.repository = repository;
        this.certificates = certificates;
        this.vaults = vaults;
        this.properties = properties;
        this.listeners = List.copyOf(listeners);
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The card, once the actor may hand it over: 404 when there is none, 403 otherwise. */
    Mono<Card> authorize(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> operators.requireForPerson(actor, Permission.HAND_OVER_CARDS, card.collectivityId(), card.personId())
                        .thenReturn(card));
    }

    /** The card, once the actor may read its receipt: its holder, or whoever may hand it over. */
    Mono<Card> authorizeHolderOrOperator(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> actor.isPerson(card.personId()) ? Mono.just(card) : authorize(actor, cardId));
    }

    Mono<TermsOfUse> currentTerms() {
        return repository.currentTerms(clock.instant());
    }

    /** The exact bytes the holder signs: the card, the holder, the current terms version. */
    Mono<byte[]> receipt(Card card) {
        return Mono.zip(repository.parties(card.personId(), card.collectivityId()), currentTerms())
                .map(found -> HandOverReceipt.of(card, found.getT1(), found.getT2().version()));
    }

    /** Checks and records the hand-over, then delivers the card; the answer adds what listeners gave. */
    Mono<Map<String, Object>> handOver(Actor actor, Card authorized, Mono<HandOverRequest> body) {
        return body.flatMap(request -> transactions.transactional(cards.lock(authorized.id()).flatMap(card -> {
            CardLifecycle.TABLE.next(CardAction.DELIVER, card.state());
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            LocalDate today = LocalDate.ofInstant(now, FRANCE);
            byte[] copy = decode(request.documentCopy(), "documentCopy");
            byte[] signature = decode(request.receiptSignature(), "receiptSignature");
            return currentTerms()
                    .flatMap(terms -> terms.version().equals(request.termsVersion()) ? Mono.just(terms)
                            : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "handover.terms-outdated",
                                    request.termsVersion(), terms.version())))
                    .flatMap(terms -> repository.holderNames(card.personId())
                            .map(names -> IdentityCheck.verify(request.identityDocument(), names, today))
                            .then(receipt(card))
                            .flatMap(receipt -> signatureCertificate(card)
                                    .flatMap(certificate -> ReceiptSignature.verifies(signature, receipt, certificate)
                                            ? Mono.just(receipt)
                                            : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED,
                                                    "handover.receipt-signature"))))
                            .flatMap(receipt -> repository.insertHandOver(new StoredHandOver(card.id(),
                                    request.identityDocument().kind(), request.identityDocument().expiresOn(),
                                    vaults.require().seal(documentDetails(request.identityDocument()), StoredHandOver.documentBinding(card.id())),
                                    vaults.require().seal(copy, StoredHandOver.copyBinding(card.id())), terms.version(), receipt, signature, now,
                                    actor.auditName(), retainUntil(card)))))
                    .then(cardTransitions.move(actor, card.id(), CardAction.DELIVER, Optional.empty(),
                            Map.of("documentKind", request.identityDocument().kind(), "termsVersion", request.termsVersion())))
                    .flatMap(delivered -> orders.delivered(actor, delivered.orderId(), delivered.id())
                            .then(Flux.fromIterable(listeners).concatMap(listener -> listener.handedOver(actor, delivered))
                                    .collectList())
                            .zipWith(receipt(delivered))
                            .map(extras -> {
                                Map<String, Object> answer = new LinkedHashMap<>();
                                answer.put("cardId", delivered.id());
                                answer.put("state", delivered.state().databaseName());
                                answer.put("deliveredAt", delivered.deliveredAt().orElse(null));
                                answer.put("termsVersion", request.termsVersion());
                                answer.put("documentKind", request.identityDocument().kind());
                                StringBuilder printable = new StringBuilder(new String(extras.getT2(), StandardCharsets.UTF_8));
                                for (HandOverListener.Addition addition : extras.getT1()) {
                                    answer.putAll(addition.answer());
                                    addition.receiptLines().forEach(line -> printable.append(line).append('\n'));
                                }
                                answer.put("printableReceipt", printable.toString());
                                return answer;
                            }));
        })));
    }

    /** Registration files are kept for the configured period after the card's (and so its last certificate's) expiry. */
    private LocalDate retainUntil(Card card) {
        return LocalDate.ofInstant(card.expiresAt(), FRANCE).plus(properties.documentRetention());
    }

    private Mono<X509CertificateHolder> signatureCertificate(Card card) {
        return certificates.find(new BigInteger(card.signatureSerial(), 16))
                .flatMap(record -> Mono.justOrEmpty(record.der()))
                .map(der -> {
                    try {
                        return new X509CertificateHolder(der);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("The stored signature certificate of card " + card.id() + " is unreadable", e);
                    }
                });
    }

    private byte[] documentDetails(IdentityDocumentRequest document) {
        return json.writeValueAsString(Map.of("kind", document.kind(), "number", document.number(),
                "expiresOn", document.expiresOn().toString(), "mrz", document.mrz())).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "handover.not-base64", field);
        }
    }
}
