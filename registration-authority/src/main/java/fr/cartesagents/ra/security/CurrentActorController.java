package fr.cartesagents.ra.security;

import java.util.Comparator;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** {@code GET /api/v1/me}: who the server takes the caller for, and the roles it grants them where. */
@RestController
class CurrentActorController {

    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CurrentActorView> me(Actor actor) {
        List<CurrentActorView.RoleView> roles = actor.grants().stream()
                .map(grant -> new CurrentActorView.RoleView(grant.role().databaseName(), grant.scope().map(Object::toString).orElse(null)))
                .sorted(Comparator.comparing(CurrentActorView.RoleView::role).thenComparing(r -> String.valueOf(r.scope())))
                .toList();
        return Mono.just(new CurrentActorView(actor.auditName(), actor.personId().map(Object::toString).orElse(null), roles,
                actor.origin()));
    }
}
