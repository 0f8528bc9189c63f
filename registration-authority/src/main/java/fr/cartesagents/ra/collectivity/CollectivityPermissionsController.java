package fr.cartesagents.ra.collectivity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the caller may do in a collectivity, as the server decides it ({@link AccessPolicy}): the
 * portal shows or hides its buttons with it, and a client can ask before it tries. A suspension of
 * the trust roles shows here as the loss of {@code order_cards} and {@code hand_over_cards}.
 */
@RestController
@Tag(name = "Collectivities")
record CollectivityPermissionsController(AccessPolicy policy, CollectivityRepository collectivities) {

    /** The caller's permissions here. */
    record PermissionsView(UUID collectivityId, boolean trustSuspended, List<String> permissions) {
    }

    @Operation(summary = "The caller's permissions on a collectivity (READ needed)")
    @GetMapping(path = CollectivityController.BASE + "/{id}/permissions", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PermissionsView> permissions(Actor actor, @PathVariable UUID id) {
        return policy.require(actor, Permission.READ, id)
                .then(Flux.fromArray(Permission.values())
                        .concatMap(permission -> policy.allows(actor, permission, id).filter(Boolean::booleanValue).map(allowed -> name(permission)))
                        .collectList())
                .zipWith(collectivities.find(id))
                .map(found -> new PermissionsView(id, found.getT2().trustSuspended(), found.getT1()));
    }

    @Operation(summary = "204 if the caller holds this permission on the collectivity, else the refusal (403 forbidden or trust-roles-suspended)")
    @GetMapping(path = CollectivityController.BASE + "/{id}/permissions/{permission}")
    Mono<ResponseEntity<Void>> check(Actor actor, @PathVariable UUID id, @PathVariable String permission) {
        return Mono.fromCallable(() -> parse(permission))
                .flatMap(wanted -> policy.require(actor, wanted, id))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    private static String name(Permission permission) {
        return permission.name().toLowerCase(Locale.ROOT);
    }

    private static Permission parse(String value) {
        return Arrays.stream(Permission.values()).filter(permission -> name(permission).equals(value)).findFirst()
                .orElseThrow(() -> ProblemException.localized(ProblemType.VALIDATION_FAILED, "request.invalid", "permission"));
    }
}
