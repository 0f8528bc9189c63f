package fr.cartesagents.ra.habilitation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.VersionedMove;
import fr.cartesagents.ra.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** The habilitations managers asked for themselves, waiting for another manager of the collectivity (four eyes). */
@RestController
@Tag(name = "Habilitations")
record HabilitationRequestController(HabilitationRequestService requests) {

    static final String BASE = "/api/v1/collectivities/{collectivityId}/habilitation-requests";

    @Operation(summary = "The collectivity's habilitation requests (pending by default): what another manager has to decide")
    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<HabilitationRequestView>> list(Actor actor, @PathVariable UUID collectivityId,
                                             @RequestParam(required = false) String status) {
        return requests.list(actor, collectivityId, Optional.ofNullable(status)).collectList();
    }

    @Operation(summary = "One habilitation request (ETag = version)")
    @GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<HabilitationRequestView>> read(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID id) {
        return ApiEndpoints.tagged(requests.read(actor, collectivityId, id));
    }

    @Operation(summary = "Approve a manager's request for themselves: grants the habilitation (another manager; If-Match required)")
    @PostMapping(path = BASE + "/{id}/approval", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<HabilitationRequestView>> approve(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID id,
                                                          VersionedMove move) {
        return ApiEndpoints.tagged(requests.approve(actor, collectivityId, id, move.expected()));
    }

    @Operation(summary = "Reject a manager's request for themselves (another manager; If-Match required)")
    @PostMapping(path = BASE + "/{id}/rejection", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<HabilitationRequestView>> reject(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID id,
                                                         VersionedMove move) {
        return ApiEndpoints.tagged(requests.reject(actor, collectivityId, id, move.expected()));
    }
}
