package fr.cartesagents.ra.directory;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * Directory search: {@code name} (accents and case ignored; {@code match=contains|prefix}),
 * {@code collectivityId}, {@code insee}, {@code function}, {@code status}, {@code limit} (1–100),
 * {@code after} (the {@code next} of the previous page), plus the parameters of other features'
 * {@link PeopleFilter}s.
 */
@RestController
@Tag(name = "Directory")
record PeopleSearchController(PeopleSearchService search) {

    @Operation(summary = "Search the people of every collectivity the caller may read (READ)")
    @GetMapping(path = "/api/v1/people", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PeoplePage> search(Actor actor, @RequestParam MultiValueMap<String, String> parameters) {
        return search.search(actor, parameters);
    }

    @Operation(summary = "Search the people of one collectivity (READ there)")
    @GetMapping(path = PeopleController.PEOPLE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PeoplePage> searchIn(Actor actor, @PathVariable UUID collectivityId,
                              @RequestParam MultiValueMap<String, String> parameters) {
        return search.searchIn(actor, collectivityId, parameters);
    }
}
