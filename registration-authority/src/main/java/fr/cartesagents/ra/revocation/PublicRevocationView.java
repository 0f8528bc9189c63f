package fr.cartesagents.ra.revocation;

import java.util.List;

/** The cards a revocation without the card has revoked. */
public record PublicRevocationView(List<CardRevocationView> revoked) {

    public PublicRevocationView {
        revoked = List.copyOf(revoked);
    }
}
