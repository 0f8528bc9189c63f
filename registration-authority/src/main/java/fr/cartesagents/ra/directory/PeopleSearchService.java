package fr.cartesagents.ra.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.CollectivityScope;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Mono;

/**
 * Searches the directory within what the caller may read: everywhere for national administrators
 * and auditors, their office's collectivities for registration officers, their own for mayors and
 * delegates, nothing for an agent (a holder reads their own record, not the directory).
 */
@Service
class PeopleSearchService {

    private final PeopleSearchRepository repository;
    private final AccessPolicy policy;
    private final DirectoryCalendar calendar;
    private final List<PeopleFilter> filters;

    PeopleSearchService(PeopleSearchRepository repository, AccessPolicy policy, DirectoryCalendar calendar,
                        List<PeopleFilter> filters) {
        this.repository = repository;
        this.policy = policy;
        this.calendar = calendar;
        this.filters = List.copyOf(filters);
    }

    /** Across every collectivity the caller may read. */
    Mono<PeoplePage> search(Actor actor, MultiValueMap<String, String> parameters) {
        return policy.readableCollectivities(actor).flatMap(scope -> run(scope, parameters, Optional.empty()));
    }

    /** In one collectivity (READ there). */
    Mono<PeoplePage> searchIn(Actor actor, UUID collectivityId, MultiValueMap<String, String> parameters) {
        return policy.require(actor, Permission.READ, collectivityId)
                .then(policy.readableCollectivities(actor))
                .flatMap(scope -> run(scope, parameters, Optional.of(collectivityId)));
    }

    private Mono<PeoplePage> run(CollectivityScope scope, MultiValueMap<String, String> parameters,
                                 Optional<UUID> collectivityId) {
        return Mono.fromCallable(() -> PeopleSearch.from(parameters, collectivityId)).flatMap(search -> {
            if (!scope.all() && scope.ids().isEmpty()) {
                return Mono.just(new PeoplePage(List.of(), false, null));
            }
            List<SqlCondition> extra = filters.stream().flatMap(filter -> filter.condition(parameters).stream()).toList();
            return repository.search(scope, search, extra, calendar.today()).collectList().map(rows -> {
                boolean more = rows.size() > search.limit();
                List<PeopleSearchRepository.Row> page = more ? rows.subList(0, search.limit()) : rows;
                String next = more ? page.get(page.size() - 1).cursor().token() : null;
                return new PeoplePage(page.stream().map(PeopleSearchRepository.Row::summary).toList(), more, next);
            });
        });
    }
}
