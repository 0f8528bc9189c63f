package fr.cartesagents.ra.delivery;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;

/** The face-to-face hand-over, the terms of use, the identity document kept, and the activation (docs/api.md). */
@RestController
record DeliveryController(HandOverService handOvers, ActivationService activations, IdentityDocumentReads documents) {

    private static final String CARD = "/api/v1/cards/{cardId}";

    @Operation(summary = "The current terms of use (CGU) the holder accepts at the hand-over")
    @GetMapping(path = "/api/v1/terms-of-use", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, String>> termsOfUse() {
        return handOvers.currentTerms().map(terms -> Map.of("version", terms.version(), "text", terms.text(),
                "publishedAt", terms.publishedAt().toString()));
    }

    @Operation(summary = "The exact bytes of the hand-over receipt the holder signs with the card (UTF-8 text)")
    @GetMapping(path = CARD + "/hand-over-receipt", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<byte[]>> receipt(Actor actor, @PathVariable UUID cardId) {
        return handOvers.authorizeHolderOrOperator(actor, cardId)
                .flatMap(handOvers::receipt)
                .map(bytes -> ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                        .body(bytes));
    }

    @Operation(summary = "Hand the card over face to face: identity document, its copy, terms accepted, receipt signed by the card")
    @PostMapping(path = CARD + "/hand-over", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> handOver(Actor actor, @PathVariable UUID cardId, JsonBody<HandOverRequest> handOver) {
        return handOvers.authorize(actor, cardId)
                .flatMap(card -> handOvers.handOver(actor, card, handOver.value()));
    }

    @Operation(summary = "Read back the identity document kept from the hand-over (registration office, auditors; audited)")
    @GetMapping(path = CARD + "/identity-document", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> identityDocument(Actor actor, @PathVariable UUID cardId) {
        return documents.read(actor, cardId);
    }

    @Operation(summary = "A one-time challenge for the card's authentication key (activation)")
    @PostMapping(path = CARD + "/activation-challenges", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> challenge(Actor actor, @PathVariable UUID cardId) {
        return activations.challenge(actor, cardId);
    }

    @Operation(summary = "Activate the card: the challenge signed by its authentication key once the holder set their PIN")
    @PostMapping(path = CARD + "/activation", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> activate(Actor actor, @PathVariable UUID cardId, JsonBody<ActivationRequest> activation) {
        return activations.activate(actor, cardId, activation.value())
                .map(card -> Map.<String, Object>of("cardId", card.id(), "state", card.state().databaseName(),
                        "activatedAt", card.activatedAt().orElseThrow()));
    }
}
