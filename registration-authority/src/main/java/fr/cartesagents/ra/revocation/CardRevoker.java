package fr.cartesagents.ra.revocation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.certificate.CertificateRecord;
import fr.cartesagents.ra.certificate.CertificateService;
import fr.cartesagents.ra.notification.Notifications;
import fr.cartesagents.ra.notification.RevocationConfirmed;
import fr.cartesagents.ra.notification.RevocationDeclared;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * What every way of revoking a card does, in the caller's transaction: the card moves to
 * {@code revoked} (409 from its transition table when it is already revoked or expired), both of
 * its certificates are revoked with the reason's RFC 5280 code, the CRLs are published once, the
 * holder gets a confirmation and the mayor and delegates are told. OCSP answers "revoked" as soon
 * as the transaction commits ({@link CertificateService#revokeTogether}).
 */
@Component
class CardRevoker {

    private final CardTransitions cards;
    private final CertificateService certificates;
    private final Notifications notifications;

    CardRevoker(CardTransitions cards, CertificateService certificates, Notifications notifications) {
        this.cards = cards;
        this.certificates = certificates;
        this.notifications = notifications;
    }

    Mono<CardRevocationView> revoke(Actor actor, UUID cardId, CardRevocationReason reason, RevokerCapacity capacity) {
        return cards.move(actor, cardId, CardAction.REVOKE, Optional.of(reason.rfc5280().rfcName()),
                        Map.of("cardReason", reason.apiName(), "capacity", capacity.name().toLowerCase(java.util.Locale.ROOT)))
                .flatMap(card -> certificates.revokeTogether(actor, Optional.of(card.collectivityId()),
                                List.of(card.authenticationSerial(), card.signatureSerial()), reason.rfc5280())
                        .flatMap(revoked -> tell(card, reason, capacity).thenReturn(view(card, reason, revoked))));
    }

    private Mono<Void> tell(Card card, CardRevocationReason reason, RevokerCapacity capacity) {
        return notifications.displayName(card.personId()).flatMap(holder -> {
            var revokedAt = card.revokedAt().orElseThrow();
            return notifications.enqueueToPerson(card.personId(),
                            new RevocationConfirmed(holder, card.cardSerial(), reason.french(), revokedAt))
                    .then(notifications.enqueueToCardManagers(card.collectivityId(),
                            new RevocationDeclared(holder, card.cardSerial(), reason.french(), revokedAt, capacity.french())));
        });
    }

    private static CardRevocationView view(Card card, CardRevocationReason reason, List<CertificateRecord> revoked) {
        return new CardRevocationView(card.id(), card.cardSerial(), card.state().databaseName(), reason.apiName(),
                reason.rfc5280().rfcName(), card.revokedAt().orElseThrow(), revoked.stream()
                .map(record -> new CardRevocationView.CertificateStatus(
                        record.serialHex().equals(card.authenticationSerial()) ? "authentication" : "signature",
                        record.serialHex(), record.status().name().toLowerCase(java.util.Locale.ROOT),
                        record.revocationReason().map(r -> r.rfcName()).orElse(null)))
                .toList());
    }
}
