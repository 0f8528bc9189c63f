package fr.cartesagents.ca.ocsp;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * What an OCSP request asks: the CertIDs (kept as received, so that the response echoes them byte
 * for byte) and the nonce, if any.
 */
public record OcspRequestInfo(List<CertificateID> certificateIds, Optional<OcspNonce> nonce) {

    public OcspRequestInfo {
        certificateIds = List.copyOf(certificateIds);
        Objects.requireNonNull(nonce, "nonce");
        if (certificateIds.isEmpty()) {
            throw new IllegalArgumentException("An OCSP request names at least one certificate");
        }
    }

    /**
     * True for the RFC 5019 shape of request, one CertID and no nonce, whose answer does not depend
     * on the requester and may therefore be pre-produced and cached.
     */
    public boolean canUsePreProducedResponse() {
        return certificateIds.size() == 1 && nonce.isEmpty();
    }

    public List<BigInteger> serialNumbers() {
        return certificateIds.stream().map(CertificateID::getSerialNumber).toList();
    }
}
