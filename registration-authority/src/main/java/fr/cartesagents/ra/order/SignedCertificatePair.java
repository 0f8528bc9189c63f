package fr.cartesagents.ra.order;

import java.util.Objects;
import java.util.UUID;

import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.IssuedCertificate;

/**
 * The two certificates of a card, signed by the CA and reserved in the database, not yet stored:
 * what phase 1 of {@link CertificatePairs} hands to phase 2. {@code holder} is the subject the
 * directory gave both certificates, {@code collectivityId} the collectivity they were issued for.
 */
public record SignedCertificatePair(UUID collectivityId, HolderSubject holder, IssuedCertificate authentication,
                                    IssuedCertificate signature) {

    public SignedCertificatePair {
        Objects.requireNonNull(collectivityId, "collectivityId");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(signature, "signature");
    }
}
