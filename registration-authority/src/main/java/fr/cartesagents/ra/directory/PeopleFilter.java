package fr.cartesagents.ra.directory;

import java.util.Optional;

import org.springframework.util.MultiValueMap;

/**
 * A filter another feature adds to the directory search, as a bean: it reads its own query
 * parameters and answers a condition, e.g. the habilitation feature for {@code ?habilitation=COMEDEC}:
 * {@code exists (select 1 from habilitation h where h.person_id = p.id and h.collectivity_id =
 * a.collectivity_id and h.application = :habilitationApplication and h.withdrawn_at is null)}.
 * The search stays filtered by the caller's readable collectivities whatever the filters say.
 */
public interface PeopleFilter {

    /**
     * @param parameters the query parameters of the search request
     * @return the condition to add, or empty when this filter's parameters are absent
     * @throws fr.cartesagents.ra.problem.ProblemException (400) when its parameters are invalid
     */
    Optional<SqlCondition> condition(MultiValueMap<String, String> parameters);
}
