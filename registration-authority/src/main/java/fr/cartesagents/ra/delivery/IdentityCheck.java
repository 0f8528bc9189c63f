package fr.cartesagents.ra.delivery;

import java.time.LocalDate;
import java.util.Locale;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * The registration officer's check of the holder's identity document (Art. III: "un document
 * d'identité en cours de validité"): a document of an accepted kind, not expired, whose machine
 * readable zone reads with every check digit right, carries the number and expiry typed, and names
 * the holder of the directory (surname: birth or usual name; the first given name). Refusals name
 * what is wrong, never a value from the document.
 */
final class IdentityCheck {

    /** A name field of the zone that is full may have been truncated (ICAO Doc 9303 part 3 §6.3). */
    private static final int TRUNCATION_MINIMUM = 10;

    private IdentityCheck() {
    }

    /** The holder's names as the directory records them. */
    record HolderNames(String birthName, String usualName, String givenNames) {
    }

    static MachineReadableZone verify(IdentityDocumentRequest document, HolderNames holder, LocalDate today) {
        IdentityDocumentKind kind = IdentityDocumentKind.fromApiName(document.kind())
                .orElseThrow(() -> refused("handover.document-kind-unknown", document.kind()));
        if (document.expiresOn().isBefore(today)) {
            throw refused("handover.document-expired");
        }
        MachineReadableZone zone;
        try {
            zone = MachineReadableZone.parse(document.mrz(), today);
        } catch (MrzException e) {
            throw e.reason() == MrzException.Reason.CHECK_DIGIT ? refused("handover.mrz-check-digit", e.getMessage())
                    : refused("handover.mrz-malformed", e.getMessage());
        }
        if (!kind.carries(zone)) {
            throw refused("handover.document-kind-mismatch", kind.apiName());
        }
        String typedNumber = document.number().replace(" ", "").toUpperCase(Locale.ROOT);
        if (!typedNumber.equals(zone.documentNumber())) {
            throw refused("handover.document-number-mismatch");
        }
        if (zone.expiresOn().isPresent() && !zone.expiresOn().get().equals(document.expiresOn())) {
            throw refused("handover.document-expiry-mismatch");
        }
        if (!sameSurname(zone.surname(), holder) || !sameFirstGivenName(zone.givenNames(), holder.givenNames())) {
            throw refused("handover.document-name-mismatch");
        }
        return zone;
    }

    private static boolean sameSurname(String zoneSurname, HolderNames holder) {
        String onDocument = NameFolding.fold(zoneSurname);
        return matches(onDocument, NameFolding.fold(holder.birthName())) || (holder.usualName() != null
                && !holder.usualName().isBlank() && matches(onDocument, NameFolding.fold(holder.usualName())));
    }

    private static boolean sameFirstGivenName(String zoneGivenNames, String directoryGivenNames) {
        String onDocument = NameFolding.firstGivenName(zoneGivenNames);
        String recorded = NameFolding.firstGivenName(directoryGivenNames);
        return !onDocument.isEmpty() && matches(onDocument, recorded);
    }

    private static boolean matches(String onDocument, String recorded) {
        return onDocument.equals(recorded)
                || (onDocument.length() >= TRUNCATION_MINIMUM && recorded.startsWith(onDocument));
    }

    private static ProblemException refused(String key, Object... arguments) {
        return ProblemException.localized(ProblemType.RULE_VIOLATED, key, arguments);
    }
}
