package fr.cartesagents.ra.revocation;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.ratelimit.ClientAddress;
import fr.cartesagents.ra.web.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * The public part of revocation (issue 17): no client certificate, no session. The card portal's
 * "carte perdue ou volée" page calls these two routes.
 */
@RestController
@Tag(name = "Revocation without the card", description = "A lost or stolen card declared with the personal revocation code or a one-time link")
record PublicRevocationController(PublicRevocationService revocations) {

    /** The answer to every link request, whether the holder exists or not. */
    static final Map<String, String> LINK_REQUESTED = Map.of("status", "accepted", "message",
            "Si ces informations correspondent à un titulaire de carte, un lien de révocation à usage unique"
                    + " est envoyé à son adresse électronique enregistrée.");

    @Operation(summary = "Revoke one's card without it: {holderId or email, code, reason: loss|theft} or {token} of the mailed link;"
            + " 200 with the revoked cards, 422 for any wrong holder, address, code or link (the same answer), 429 when rate-limited")
    @PostMapping(path = "/api/v1/card-revocations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PublicRevocationView> revoke(JsonBody<PublicRevocationRequest> body, ServerHttpRequest request) {
        return body.value()
                .flatMap(revocation -> revocations.revoke(revocation, ClientAddress.of(request)));
    }

    @Operation(summary = "Ask for a one-time revocation link by e-mail: {holderId or email, reason: loss|theft};"
            + " always 202 with the same body, 429 when rate-limited")
    @PostMapping(path = "/api/v1/card-revocation-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, String>>> requestLink(JsonBody<RevocationLinkRequest> body, ServerHttpRequest request) {
        return body.value()
                .flatMap(linkRequest -> revocations.requestLink(linkRequest, ClientAddress.of(request)))
                .thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(LINK_REQUESTED));
    }
}
