package fr.cartesagents.ra.directory;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * What other features may ask the directory about who manages a collectivity's cards, without
 * reading its tables: the last-delegate rule (convention CARTES, article VI) on the paths the
 * directory does not own (the mayor's choice to stop managing the cards personally).
 */
@Component
public class CardManagers {

    private final RoleAssignmentRepository roles;
    private final DirectoryCalendar calendar;

    CardManagers(RoleAssignmentRepository roles, DirectoryCalendar calendar) {
        this.roles = roles;
        this.calendar = calendar;
    }

    /**
     * How many of {@code people} hold the mayor's or a delegate's role today in one of {@code collectivities}
     * (a CARTES convention's annex designates its card managers among them).
     */
    public Mono<Long> trustRoleHoldersAmong(List<UUID> people, List<UUID> collectivities) {
        return roles.trustRoleHoldersAmong(people, collectivities, calendar.today());
    }

    /** Whether the collectivity has a delegate today. */
    public Mono<Boolean> hasADelegate(UUID collectivityId) {
        return roles.heldOn(collectivityId, RolesService.DELEGATE, calendar.today()).hasElements();
    }
}
