package fr.cartesagents.bridge.personalization;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The registration authority's answer to a personalization: the card's id and its two certificates,
 * and, when the server derives card secrets, the card's PUK to set on it ({@link #toString()} never
 * shows it).
 */
public record IssuedPair(UUID cardId, X509CertificateHolder authentication, X509CertificateHolder signature, Optional<String> puk) {

    public IssuedPair {
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(puk, "puk");
    }

    @Override
    public String toString() {
        return "IssuedPair[card=" + cardId + ", authentication=" + authentication.getSerialNumber().toString(16)
                + ", signature=" + signature.getSerialNumber().toString(16) + (puk.isPresent() ? ", puk=[hidden]" : "") + "]";
    }
}
