package fr.cartesagents.ca.issuance;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;
import fr.cartesagents.ca.profile.CertificateProfile;
import fr.cartesagents.ca.publickey.SubjectKeyTypes;
import fr.cartesagents.ca.publickey.UnacceptableKeyException;
import fr.cartesagents.ca.token.KeySpec;

/** Which subject keys the CA certifies: strong enough, and of a type the profile allows. */
final class SubjectKeyPolicy {

    private SubjectKeyPolicy() {
    }

    /**
     * The key type of {@code publicKey}, refused with {@code KEY_TYPE_NOT_ALLOWED} unless {@code profile}
     * allows it.
     *
     * @throws IssuanceRefusedException {@code WEAK_KEY}, {@code KEY_TYPE_NOT_ALLOWED}, or
     *                                  {@code MALFORMED_REQUEST} for a key that does not decode
     */
    static KeySpec check(SubjectPublicKeyInfo publicKey, CertificateProfile profile) {
        KeySpec spec;
        try {
            spec = SubjectKeyTypes.of(publicKey);
        } catch (UnacceptableKeyException e) {
            throw new IssuanceRefusedException(reasonFor(e.defect()), e.getMessage());
        }
        if (!profile.allowedKeys().contains(spec)) {
            throw new IssuanceRefusedException(Reason.KEY_TYPE_NOT_ALLOWED,
                    "profile " + profile.name() + " does not accept " + spec + " keys; allowed: " + profile.allowedKeys());
        }
        return spec;
    }

    private static Reason reasonFor(UnacceptableKeyException.Defect defect) {
        return switch (defect) {
            case WEAK -> Reason.WEAK_KEY;
            case TYPE_NOT_ACCEPTED -> Reason.KEY_TYPE_NOT_ALLOWED;
            case MALFORMED -> Reason.MALFORMED_REQUEST;
        };
    }
}
