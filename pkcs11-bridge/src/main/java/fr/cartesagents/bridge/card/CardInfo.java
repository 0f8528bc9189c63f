package fr.cartesagents.bridge.card;

import java.util.Map;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What can be read from a card without a PIN. {@code atr} is empty through PKCS#11,
 * {@code tokenLabel} is empty through PC/SC.
 */
public record CardInfo(String serialNumber, Optional<String> atrHex, Optional<String> tokenLabel,
                       String reader, PinStatus pinStatus, Map<KeyRole, X509CertificateHolder> certificates) {

    public CardInfo {
        certificates = Map.copyOf(certificates);
    }
}
