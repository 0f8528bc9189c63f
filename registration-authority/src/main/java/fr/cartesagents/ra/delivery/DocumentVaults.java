package fr.cartesagents.ra.delivery;

import java.util.Optional;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/** The document vault when a key is configured; a production server without one refuses hand-overs (503) but starts. */
record DocumentVaults(Optional<DocumentVault> vault) {

    DocumentVault require() {
        return vault.orElseThrow(() -> ProblemException.localized(ProblemType.FEATURE_NOT_CONFIGURED, "handover.not-configured"));
    }
}
