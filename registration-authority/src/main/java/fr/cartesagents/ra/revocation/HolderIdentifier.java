package fr.cartesagents.ra.revocation;

import java.util.Locale;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * How a holder without their card names themselves: their holder id (printed on the hand-over
 * receipt) or their registered e-mail address, normalized so that "t12ab" and "T12AB " share one
 * rate-limit bucket.
 */
record HolderIdentifier(boolean byEmail, String value) {

    static HolderIdentifier of(String holderId, String email) {
        boolean hasHolder = holderId != null && !holderId.isBlank();
        boolean hasEmail = email != null && !email.isBlank();
        if (hasHolder == hasEmail) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "revocation.identify-holder");
        }
        return hasHolder ? new HolderIdentifier(false, holderId.strip().toUpperCase(Locale.ROOT))
                : new HolderIdentifier(true, email.strip().toLowerCase(Locale.ROOT));
    }

    /** The rate-limit subject and the audit target. */
    String bucket() {
        return (byEmail ? "email:" : "holder:") + value;
    }
}
