package fr.cartesagents.ra.habilitation;

/**
 * What a grant gives: the habilitation at once, or, for a manager granting themselves, a request that
 * waits for another manager of the collectivity (four eyes).
 */
sealed interface GrantOutcome {

    record Granted(Habilitation habilitation) implements GrantOutcome {
    }

    record Requested(HabilitationRequestView request) implements GrantOutcome {
    }
}
