package fr.cartesagents.ra.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.card.CardEvent;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading back what a hand-over kept of the holder's identity document: the registration office
 * and the auditors only ({@link Permission#READ_IDENTITY_DOCUMENTS}), each read written to the audit
 * trail in the transaction that opens the sealed values.
 */
@Service
class IdentityDocumentReads {

    private final CardQueries cards;
    private final DeliveryRepository repository;
    private final DocumentVaults vaults;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final JsonMapper json = JsonMapper.builder().build();

    IdentityDocumentReads(CardQueries cards, DeliveryRepository repository, DocumentVaults vaults, AccessPolicy access,
                          AuditTrail audit, TransactionalOperator transactions) {
        this.cards = cards;
        this.repository = repository;
        this.vaults = vaults;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
    }

    Mono<Map<String, Object>> read(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> access.require(actor, Permission.READ_IDENTITY_DOCUMENTS, card.collectivityId())
                        .then(transactions.transactional(repository.findHandOver(cardId)
                                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND,
                                        "handover.not-found", cardId.toString())))
                                .flatMap(handOver -> handOver.documentsDeletedAt().isPresent() ? Mono.error(deleted(handOver))
                                        : audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()),
                                                DeliveryEvent.IDENTITY_DOCUMENT_READ, CardEvent.target(cardId),
                                                Map.of("documentKind", handOver.documentKind())))
                                        .thenReturn(view(handOver))))));
    }

    /** 404: the retention has ended and the document is gone; the hand-over itself stays on record. */
    private static ProblemException deleted(StoredHandOver handOver) {
        return ProblemException.localized(ProblemType.NOT_FOUND, "handover.document-deleted", handOver.cardId().toString(),
                handOver.documentsDeletedAt().orElseThrow().toString(), handOver.retainUntil().toString());
    }

    private Map<String, Object> view(StoredHandOver handOver) {
        Map<String, String> document = json.readValue(new String(vaults.require().open(handOver.documentSealed(),
                StoredHandOver.documentBinding(handOver.cardId())), StandardCharsets.UTF_8), new TypeReference<Map<String, String>>() {
                });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cardId", handOver.cardId());
        view.put("kind", document.get("kind"));
        view.put("number", document.get("number"));
        view.put("expiresOn", document.get("expiresOn"));
        view.put("mrz", document.get("mrz"));
        view.put("documentCopy", Base64.getEncoder().encodeToString(vaults.require().open(handOver.documentCopySealed(),
                StoredHandOver.copyBinding(handOver.cardId()))));
        view.put("termsVersion", handOver.termsVersion());
        view.put("handedOverAt", handOver.handedOverAt());
        view.put("handedOverBy", handOver.handedOverBy());
        view.put("retainUntil", handOver.retainUntil());
        return view;
    }
}
