package fr.cartesagents.ra.convention;

import fr.cartesagents.ra.lifecycle.TransitionTable;

import static fr.cartesagents.ra.convention.ConventionAction.ACTIVATE;
import static fr.cartesagents.ra.convention.ConventionAction.REACTIVATE;
import static fr.cartesagents.ra.convention.ConventionAction.REQUEST_TERMINATION;
import static fr.cartesagents.ra.convention.ConventionAction.SIGN;
import static fr.cartesagents.ra.convention.ConventionAction.SUSPEND;
import static fr.cartesagents.ra.convention.ConventionAction.TERMINATE;
import static fr.cartesagents.ra.convention.ConventionState.ACTIVE;
import static fr.cartesagents.ra.convention.ConventionState.DRAFT;
import static fr.cartesagents.ra.convention.ConventionState.SIGNED;
import static fr.cartesagents.ra.convention.ConventionState.SUSPENDED;
import static fr.cartesagents.ra.convention.ConventionState.TERMINATED;
import static fr.cartesagents.ra.convention.ConventionState.TERMINATION_REQUESTED;

/** The lifecycle of a convention: anything else is a 409 ({@code convention.illegal-transition}). */
final class ConventionLifecycle {

    static final TransitionTable<ConventionState, ConventionAction> TABLE =
            TransitionTable.of(ConventionState.class, ConventionAction.class, "convention.illegal-transition")
                    .allow(SIGN, DRAFT).to(SIGNED)
                    .allow(ACTIVATE, SIGNED).to(ACTIVE)
                    .allow(SUSPEND, ACTIVE).to(SUSPENDED)
                    .allow(REACTIVATE, SUSPENDED).to(ACTIVE)
                    .allow(REQUEST_TERMINATION, SIGNED, ACTIVE, SUSPENDED).to(TERMINATION_REQUESTED)
                    .allow(TERMINATE, TERMINATION_REQUESTED).to(TERMINATED)
                    .build();

    private ConventionLifecycle() {
    }
}
