package fr.cartesagents.ra.habilitation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import fr.cartesagents.ra.directory.PeopleFilter;
import fr.cartesagents.ra.directory.SqlCondition;

/**
 * The directory search by habilitation: {@code ?habilitation=comedec} keeps the people holding an
 * active habilitation for that application in the collectivity of the row, {@code &habilitationLevel=officier}
 * at that level.
 */
@Component
class HabilitationPeopleFilter implements PeopleFilter {

    @Override
    public Optional<SqlCondition> condition(MultiValueMap<String, String> parameters) {
        Optional<String> asked = Optional.ofNullable(parameters.getFirst("habilitation")).map(String::strip).filter(v -> !v.isEmpty());
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        Application application = HabilitationService.application("habilitation", asked.get().toLowerCase(Locale.ROOT));
        Map<String, Object> bindings = new HashMap<>(Map.of("habilitationApplication", application.databaseName()));
        StringBuilder sql = new StringBuilder("exists (select 1 from habilitation h where h.person_id = p.id"
                + " and h.collectivity_id = a.collectivity_id and h.application = :habilitationApplication and h.status = 'active'");
        Optional.ofNullable(parameters.getFirst("habilitationLevel")).map(String::strip).filter(v -> !v.isEmpty())
                .ifPresent(level -> {
                    bindings.put("habilitationLevel", HabilitationService.level("habilitationLevel", application, level.toLowerCase(Locale.ROOT))
                            .databaseName());
                    sql.append(" and h.level = :habilitationLevel");
                });
        return Optional.of(new SqlCondition(sql.append(")").toString(), bindings));
    }
}
