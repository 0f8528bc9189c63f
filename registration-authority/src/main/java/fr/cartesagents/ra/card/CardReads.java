package fr.cartesagents.ra.card;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import fr.cartesagents.ra.certificate.CaIds;
import fr.cartesagents.ra.certificate.CertificateRecord;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.certificate.SerialHex;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Actors;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.web.ResultPage;
import reactor.core.publisher.Mono;

/** The card reads of the API: the holder sees their own cards, the collectivity's readers see its cards. */
@Service
class CardReads {

    private final CardQueries cards;
    private final CertificateRecords certificates;
    private final AccessPolicy access;
    private final RenewalCalendar renewals;

    CardReads(CardQueries cards, CertificateRecords certificates, AccessPolicy access, RenewalCalendar renewals) {
        this.cards = cards;
        this.certificates = certificates;
        this.access = access;
        this.renewals = renewals;
    }

    /** One card with its two certificates: its holder, or whoever may read its collectivity; 404 when there is none. */
    Mono<CardView> find(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> (actor.isPerson(card.personId()) ? Mono.<Void>empty()
                        : access.require(actor, Permission.READ, card.collectivityId()))
                        .then(certificatesOf(List.of(card)))
                        .map(found -> CardView.of(card, certificates(card, found, true))));
    }

    /** The person's cards: all of them for the person, those of the collectivities the caller may read for others. */
    Mono<java.util.List<CardView>> ofPerson(Actor actor, UUID personId) {
        return access.requireSelfOr(actor, personId, Permission.READ)
                .then(actor.isPerson(personId) ? Mono.just(fr.cartesagents.ra.security.CollectivityScope.everything())
                        : access.readableCollectivities(actor))
                .flatMap(scope -> cards.ofPerson(personId).filter(card -> scope.includes(card.collectivityId())).collectList())
                .flatMap(this::summaries);
    }

    /**
     * A page of the collectivity's cards and how many the filter keeps in all: {@code states} one state or
     * several separated by commas, {@code pinBlocked}, and {@code expiringBefore} a day (the card ends before
     * that day begins in France).
     */
    Mono<ResultPage<CardView>> ofCollectivity(Actor actor, UUID collectivityId, Optional<String> states, Optional<Boolean> pinBlocked,
                                              Optional<LocalDate> expiringBefore, int page, int size) {
        return access.require(actor, Permission.READ, collectivityId)
                .then(Mono.fromCallable(() -> new CardFilter(states.map(CardReads::parseStates).orElse(Set.of()), pinBlocked,
                        expiringBefore.map(day -> day.atStartOfDay(Actors.FRANCE).toInstant()))))
                .flatMap(filter -> Mono.zip(cards.ofCollectivity(collectivityId, filter, page, size).collectList().flatMap(this::summaries),
                        cards.countOfCollectivity(collectivityId, filter)))
                .map(found -> new ResultPage<>(found.getT1(), page, size, found.getT2()));
    }

    /** The cards of a list, without their PEMs; their certificates read in one query. */
    private Mono<List<CardView>> summaries(List<Card> found) {
        return certificatesOf(found).map(records -> found.stream().map(card -> CardView.of(card, certificates(card, records, false)))
                .toList());
    }

    /** The certificate records of these cards, by serial (lowercase hexadecimal). */
    private Mono<Map<String, CertificateRecord>> certificatesOf(List<Card> found) {
        if (found.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<BigInteger> serials = found.stream()
                .flatMap(card -> java.util.stream.Stream.of(card.authenticationSerial(), card.signatureSerial()))
                .map(serial -> new BigInteger(serial, 16)).toList();
        return certificates.findAll(CaIds.ISSUING, serials)
                .collect(Collectors.toMap(record -> SerialHex.toHex(record.serial()), Function.identity()));
    }

    private CardView.Certificates certificates(Card card, Map<String, CertificateRecord> records, boolean withPems) {
        Optional<CertificateRecord> authentication = Optional.ofNullable(records.get(card.authenticationSerial()));
        Optional<CertificateRecord> signature = Optional.ofNullable(records.get(card.signatureSerial()));
        return new CardView.Certificates(
                authentication.map(CertificateRecord::notAfter).orElse(null),
                signature.map(CertificateRecord::notAfter).orElse(null),
                authentication.flatMap(record -> renewals.renewableFrom(card, record.notAfter())).orElse(null),
                withPems ? authentication.map(CardReads::pem).orElse("") : null,
                withPems ? signature.map(CardReads::pem).orElse("") : null);
    }

    private static String pem(CertificateRecord record) {
        return record.der()
                .map(der -> "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                        + "\n-----END CERTIFICATE-----\n")
                .orElse("");
    }

    private static Set<CardState> parseStates(String names) {
        return java.util.Arrays.stream(names.split(",", -1)).map(String::strip).map(name -> {
            try {
                return CardState.fromDatabaseName(name);
            } catch (IllegalArgumentException e) {
                throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "card.unknown-state", name);
            }
        }).collect(Collectors.toUnmodifiableSet());
    }
}
