package fr.cartesagents.ca.ocsp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;

/** Turns request bytes into an {@link OcspRequestInfo}, or says precisely why it cannot. */
final class OcspRequestParser {

    private final int maxRequestBytes;
    private final int maxCertificatesPerRequest;

    OcspRequestParser(int maxRequestBytes, int maxCertificatesPerRequest) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxCertificatesPerRequest = maxCertificatesPerRequest;
    }

    OcspRequestInfo parse(byte[] requestDer) {
        if (requestDer == null || requestDer.length == 0) {
            throw new MalformedOcspRequestException("Empty OCSP request");
        }
        if (requestDer.length > maxRequestBytes) {
            throw new MalformedOcspRequestException("OCSP request of " + requestDer.length + " bytes, at most "
                    + maxRequestBytes + " accepted");
        }
        OCSPReq request;
        Req[] requests;
        try {
            // fromByteArray refuses trailing bytes; getInstance and getRequestList check the structure
            request = new OCSPReq(OCSPRequest.getInstance(ASN1Primitive.fromByteArray(requestDer)));
            requests = request.getRequestList();
        } catch (IOException | RuntimeException e) {
            throw new MalformedOcspRequestException("Not a DER-encoded OCSPRequest", e);
        }
        if (requests.length == 0) {
            throw new MalformedOcspRequestException("OCSP request without any CertID");
        }
        if (requests.length > maxCertificatesPerRequest) {
            throw new MalformedOcspRequestException("OCSP request for " + requests.length + " certificates, at most "
                    + maxCertificatesPerRequest + " per request");
        }
        try {
            List<org.bouncycastle.cert.ocsp.CertificateID> ids = new ArrayList<>(requests.length);
            for (Req single : requests) {
                refuseUnknownCriticalExtensions(single.getSingleRequestExtensions() == null ? Set.of()
                        : Set.of(single.getSingleRequestExtensions().getCriticalExtensionOIDs()), "singleRequestExtensions");
                org.bouncycastle.cert.ocsp.CertificateID id = single.getCertID();
                // force the lazy ASN.1 parsing now, inside this try
                id.getSerialNumber();
                id.getHashAlgOID();
                id.getIssuerNameHash();
                id.getIssuerKeyHash();
                ids.add(id);
            }
            @SuppressWarnings("unchecked")
            Set<Object> critical = request.getCriticalExtensionOIDs();
            Set<Object> criticalOtherThanNonce = new java.util.HashSet<>(critical);
            criticalOtherThanNonce.remove(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            refuseUnknownCriticalExtensions(criticalOtherThanNonce, "requestExtensions");
            return new OcspRequestInfo(ids, nonceOf(request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)));
        } catch (MalformedOcspRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedOcspRequestException("Malformed CertID or extension in OCSP request", e);
        }
    }

    private static void refuseUnknownCriticalExtensions(Set<?> critical, String where) {
        if (!critical.isEmpty()) {
            throw new MalformedOcspRequestException("Unsupported critical extension in " + where + ": " + critical);
        }
    }

    /** RFC 8954: the extension value is a DER OCTET STRING of 1 to 32 octets; anything else is malformed. */
    private static Optional<OcspNonce> nonceOf(Extension extension) {
        if (extension == null) {
            return Optional.empty();
        }
        byte[] value;
        try {
            value = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(extension.getExtnValue().getOctets()))
                    .getOctets();
        } catch (IOException | RuntimeException e) {
            throw new MalformedOcspRequestException("The OCSP nonce is not an OCTET STRING", e);
        }
        if (value.length < OcspNonce.MIN_LENGTH || value.length > OcspNonce.MAX_LENGTH) {
            throw new MalformedOcspRequestException("OCSP nonce of " + value.length + " octets, RFC 8954 allows 1 to 32");
        }
        return Optional.of(new OcspNonce(value));
    }
}
