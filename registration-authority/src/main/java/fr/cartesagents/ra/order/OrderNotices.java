package fr.cartesagents.ra.order;

import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.notification.CardReadyForHandOver;
import fr.cartesagents.ra.notification.Notifications;
import fr.cartesagents.ra.notification.OrderCreated;
import reactor.core.publisher.Mono;

/**
 * The e-mails of the order's steps to the collectivity's mayor and delegates, enqueued in the
 * outbox in the transaction of the step (a rolled-back order sends nothing): the order is
 * recorded; the card is personalized and waits for its face-to-face hand-over (Art. III).
 */
@Component
record OrderNotices(Notifications notifications, CollectivityQueries collectivities) {

    /** When the collectivity has no registration office on record yet. */
    private static final String ANY_OFFICE = "l'autorité d'enregistrement de la collectivité";

    Mono<Void> orderCreated(CardOrder order) {
        return Mono.zip(notifications.displayName(order.personId()), collectivities.facts(order.collectivityId()))
                .flatMap(found -> notifications.enqueueToCardManagers(order.collectivityId(),
                        new OrderCreated(order.id(), found.getT1(), found.getT2().name(), order.reason().french())));
    }

    Mono<Void> readyForHandOver(CardOrder order, UUID cardId) {
        return Mono.zip(notifications.displayName(order.personId()), collectivities.facts(order.collectivityId()))
                .flatMap(found -> notifications.enqueueToCardManagers(order.collectivityId(),
                        new CardReadyForHandOver(cardId, found.getT1(), found.getT2().name(),
                                found.getT2().officeName().orElse(ANY_OFFICE))));
    }
}
