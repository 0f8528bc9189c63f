package fr.cartesagents.ra.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The identity documents the registration office accepts (Art. III: "carte nationale d'identité ou
 * passeport", and the residence permit for foreign agents), and the MRZ layouts each one carries.
 */
enum IdentityDocumentKind {
    CNI,
    PASSPORT,
    TITRE_DE_SEJOUR;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<IdentityDocumentKind> fromApiName(String value) {
        return Arrays.stream(values()).filter(kind -> kind.apiName().equals(value)).findFirst();
    }

    /** Whether a zone of this layout and document code can be this kind of document. */
    boolean carries(MachineReadableZone zone) {
        return switch (this) {
            case PASSPORT -> zone.format() == MachineReadableZone.Format.TD3 && zone.documentCode().startsWith("P");
            case CNI -> zone.format() == MachineReadableZone.Format.FRENCH_ID_CARD_1995
                    || (zone.format() == MachineReadableZone.Format.TD1 && zone.documentCode().equals("ID"));
            case TITRE_DE_SEJOUR -> zone.format() == MachineReadableZone.Format.TD1 && !zone.documentCode().equals("ID");
        };
    }
}
