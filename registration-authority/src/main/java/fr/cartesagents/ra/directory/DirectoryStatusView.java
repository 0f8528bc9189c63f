package fr.cartesagents.ra.directory;

import java.util.List;
import java.util.UUID;

/**
 * Who manages a collectivity's cards today: its mayor, its delegates, and whether the rule of the
 * convention CARTES (article VI) holds: at least one delegate, unless the mayor manages the cards.
 *
 * @param issues what is missing: {@code no-mayor} (communes only), {@code no-delegate}
 */
record DirectoryStatusView(UUID collectivityId, RoleAssignmentView mayor, boolean mayorManagesCards,
                           List<RoleAssignmentView> delegates, boolean cardManagementAssured, List<String> issues) {

    DirectoryStatusView {
        delegates = List.copyOf(delegates);
        issues = List.copyOf(issues);
    }
}
