package fr.cartesagents.ra.card;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.PageParameters;
import fr.cartesagents.ra.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;

/** Reads of cards: one card, a person's cards, a collectivity's cards (docs/api.md). */
@RestController
class CardController {

    private final CardReads cards;

    CardController(CardReads cards) {
        this.cards = cards;
    }

    @Operation(summary = "A card, with its two certificates (its holder, or readers of its collectivity)")
    @GetMapping(path = "/api/v1/cards/{cardId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CardView>> find(Actor actor, @PathVariable UUID cardId) {
        return ApiEndpoints.tagged(cards.find(actor, cardId));
    }

    @GetMapping(path = "/api/v1/people/{personId}/cards", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<CardView>> ofPerson(Actor actor, @PathVariable UUID personId) {
        return cards.ofPerson(actor, personId);
    }

    @Operation(summary = "The collectivity's cards, newest first, with how many match in all (total):"
            + " ?state= (one or several, comma-separated), ?pinBlocked=true|false, ?expiringBefore=YYYY-MM-DD (the card's end),"
            + " ?page=&size=")
    @GetMapping(path = "/api/v1/collectivities/{id}/cards", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResultPage<CardView>> ofCollectivity(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String state,
                                              @RequestParam(required = false) Boolean pinBlocked,
                                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                              LocalDate expiringBefore,
                                              @RequestParam(required = false) String page,
                                              @RequestParam(required = false) String size) {
        return PageParameters.of(page, size)
                .flatMap(paging -> cards.ofCollectivity(actor, id, Optional.ofNullable(state), Optional.ofNullable(pinBlocked),
                        Optional.ofNullable(expiringBefore), paging.page(), paging.size()));
    }
}
