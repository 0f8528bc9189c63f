package fr.cartesagents.ra.convention;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A stored convention, its parties and annex. */
record ConventionRow(UUID id, ConventionKind kind, String reference, ConventionState state, List<UUID> partyIds,
                     Optional<LocalDate> signedOn, Optional<LocalDate> activatedOn, Optional<LocalDate> terminationRequestedOn,
                     Optional<LocalDate> terminatesOn, Optional<UUID> suspendedBy, ConventionAnnex annex, long version) {

    /** The collectivity the audit trail files its events under: the first party. */
    Optional<UUID> auditCollectivity() {
        return partyIds.stream().findFirst();
    }

    ConventionView view(LocalDate today) {
        Optional<ConventionTerm> term = state == ConventionState.TERMINATED ? Optional.empty()
                : ConventionTerm.current(signedOn, today);
        return new ConventionView(id, kind.databaseName(), reference, state.databaseName(), partyIds, signedOn.orElse(null),
                activatedOn.orElse(null), terminationRequestedOn.orElse(null), terminatesOn.orElse(null),
                term.map(ConventionTerm::start).orElse(null), term.map(ConventionTerm::end).orElse(null), suspendedBy.orElse(null),
                annex, version);
    }
}
