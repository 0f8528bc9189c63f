package fr.cartesagents.ra.collectivity;

import java.util.List;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;

/**
 * A collectivity as the API shows it. {@code memberIds} lists the communes of a grouping (empty
 * for a commune); {@code trustSuspended} is set while a major non-conformity is open;
 * {@code version} is also the ETag.
 */
public record CollectivityView(UUID id, String kind, String inseeCode, String siren, String name, String department,
                               String legalForm, UUID registrationOfficeId, boolean trustSuspended,
                               boolean mayorManagesCards, List<UUID> memberIds, long version) implements Versioned {

    public CollectivityView {
        memberIds = List.copyOf(memberIds);
    }
}
