package fr.cartesagents.bridge.localapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.PinStatus;

/** {@code GET /v1/card}: what can be read from the card without a PIN; no secret in it. */
record CardView(String reader, String serialNumber, Optional<String> tokenLabel, Optional<String> atr, PinView pin,
                Map<String, CertificateView> certificates) {

    static CardView of(CardInfo info) {
        Map<String, CertificateView> certificates = new java.util.LinkedHashMap<>();
        Map<KeyRole, X509CertificateHolder> byRole = new EnumMap<>(KeyRole.class);
        byRole.putAll(info.certificates());
        byRole.forEach((role, certificate) -> certificates.put(roleName(role), CertificateView.of(certificate)));
        return new CardView(info.reader(), info.serialNumber(), info.tokenLabel(), info.atrHex(),
                PinView.of(info.pinStatus()), certificates);
    }

    static String roleName(KeyRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** {@code triesLeft} is absent when the middleware only says "low" (PKCS#11 flags). */
    record PinView(OptionalInt triesLeft, boolean low, boolean finalTry, boolean blocked) {

        static PinView of(PinStatus status) {
            return new PinView(status.triesLeft(), status.low(), status.finalTry(), status.blocked());
        }
    }

    record CertificateView(String subject, String issuer, String serialNumber, Instant notBefore, Instant notAfter,
                           String certificateBase64) {

        static CertificateView of(X509CertificateHolder certificate) {
            try {
                return new CertificateView(certificate.getSubject().toString(), certificate.getIssuer().toString(),
                        certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant(), Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
