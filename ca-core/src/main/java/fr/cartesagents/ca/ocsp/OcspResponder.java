package fr.cartesagents.ca.ocsp;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.CertificateStatusSource;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.StatusUnavailableException;

/**
 * An OCSP responder (RFC 6960) following the RFC 5019 lightweight profile, for one issuing CA.
 *
 * <ul>
 * <li>Signs with the CA key itself or with a delegated responder certificate issued by the CA with
 *     id-kp-OCSPSigning; a delegated certificate is sent in {@code certs}. The responderID is the
 *     SHA-1 key hash of the signing key (RFC 5019 section 2.2.2).</li>
 * <li>Accepts SHA-1 and SHA-256 CertIDs, at most {@link #MAX_CERTIFICATES_PER_REQUEST} per request.</li>
 * <li>A CertID naming another issuer (or hashed with another algorithm) makes the whole answer
 *     {@code unauthorized}: this responder is not authoritative for it (RFC 6960 section 2.3, RFC 5019
 *     section 2.2.3). {@code unknown} is kept for serials of our issuer that the status source does
 *     not know.</li>
 * <li>A nonce (RFC 8954, 1..32 octets) is echoed; a nonce outside that range, bad DER, no CertID or
 *     too many CertIDs give {@code malformedRequest}; a failing status source or token gives
 *     {@code internalError}.</li>
 * <li>thisUpdate = producedAt = now (whole seconds), nextUpdate = thisUpdate + validity.</li>
 * </ul>
 *
 * <p>Thread-safe and stateless: statuses come from the {@link CertificateStatusSource} at each call.
 */
public final class OcspResponder {

    public static final int MAX_CERTIFICATES_PER_REQUEST = 10;
    public static final int MAX_REQUEST_BYTES = 16 * 1024;
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    /** Explicit instance: ca-core does not rely on a globally registered provider. */
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    /** A signed answer and the statuses it reports, so that a cache knows whether to keep it. */
    record Production(OcspResult result, List<CertificateStatus> statuses) {
    }

    private final CaSigner responder;
    private final CertificateStatusSource statusSource;
    private final Clock clock;
    private final Duration validity;
    private final IssuerIdentity issuer;
    private final RespID responderId;
    private final X509CertificateHolder[] certs;
    private final OcspRequestParser parser = new OcspRequestParser(MAX_REQUEST_BYTES, MAX_CERTIFICATES_PER_REQUEST);
    private final OcspResult malformedRequest = unsuccessful(OcspResponseStatus.MALFORMED_REQUEST);
    private final OcspResult unauthorized = unsuccessful(OcspResponseStatus.UNAUTHORIZED);
    private final OcspResult internalError = unsuccessful(OcspResponseStatus.INTERNAL_ERROR);
    private final OcspResult tryLater = unsuccessful(OcspResponseStatus.TRY_LATER);

    /**
     * @param responder         the CA itself, or a delegated responder certificate issued by {@code issuerCertificate}
     *                          with id-kp-OCSPSigning (and preferably id-pkix-ocsp-nocheck) and its key
     * @param issuerCertificate the CA whose certificates this responder reports on
     * @param validity          nextUpdate - thisUpdate of every response (see {@link #DEFAULT_VALIDITY})
     */
    public OcspResponder(CaSigner responder, X509CertificateHolder issuerCertificate, CertificateStatusSource statusSource,
                         Clock clock, Duration validity) {
        this.responder = Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(issuerCertificate, "issuerCertificate");
        this.statusSource = Objects.requireNonNull(statusSource, "statusSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validity = Objects.requireNonNull(validity, "validity");
        if (validity.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("OCSP response validity must be at least one minute, got " + validity);
        }
        boolean delegated = !responder.certificate().equals(issuerCertificate);
        if (delegated) {
            checkDelegatedResponder(responder.certificate(), issuerCertificate);
        }
        this.issuer = new IssuerIdentity(issuerCertificate);
        this.certs = delegated ? new X509CertificateHolder[] {responder.certificate()} : new X509CertificateHolder[0];
        this.responderId = new RespID(new ResponderID(new DEROctetString(IssuerIdentity.digest("SHA-1",
                responder.certificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes()))));
    }

    /** The OCSPResponse for {@code requestDer}; never throws for bad input (see {@link #answer(byte[])}). */
    public byte[] respond(byte[] requestDer) {
        return answer(requestDer).der();
    }

    /** The OCSPResponse for {@code requestDer} with its caching metadata; never throws for bad input. */
    public OcspResult answer(byte[] requestDer) {
        OcspRequestInfo request;
        try {
            request = parse(requestDer);
        } catch (MalformedOcspRequestException e) {
            LOG.debug("Malformed OCSP request: {}", e.getMessage());
            return malformedRequest;
        }
        return answer(request);
    }

    /** The OCSPResponse for an already parsed request. */
    public OcspResult answer(OcspRequestInfo request) {
        return produce(request).result();
    }

    /**
     * Parses a DER OCSPRequest.
     *
     * @throws MalformedOcspRequestException with a message safe to log
     */
    public OcspRequestInfo parse(byte[] requestDer) {
        return parser.parse(requestDer);
    }

    /** True when every CertID of the request names the issuer this responder is authoritative for. */
    public boolean isAuthoritativeFor(OcspRequestInfo request) {
        return request.certificateIds().stream().allMatch(issuer::issued);
    }

    /** The unsuccessful {@code tryLater} response: for a server that cannot answer now (RFC 6960 section 4.2.1). */
    public OcspResult tryLater() {
        return tryLater;
    }

    /** The unsuccessful {@code internalError} response. */
    public OcspResult internalError() {
        return internalError;
    }

    public Duration validity() {
        return validity;
    }

    Clock clock() {
        return clock;
    }

    Production produce(OcspRequestInfo request) {
        if (!isAuthoritativeFor(request)) {
            LOG.debug("OCSP request for an issuer this responder does not serve");
            return new Production(unauthorized, List.of());
        }
        List<CertificateStatus> statuses = new ArrayList<>(request.certificateIds().size());
        try {
            for (CertificateID id : request.certificateIds()) {
                statuses.add(Objects.requireNonNull(statusSource.statusOf(id.getSerialNumber()), "status"));
            }
        } catch (StatusUnavailableException e) {
            LOG.debug("Certificate statuses unavailable ({}); answering tryLater", e.getMessage());
            return new Production(tryLater, List.of());
        } catch (RuntimeException e) {
            LOG.warn("Certificate status source failed; answering internalError", e);
            return new Production(internalError, List.of());
        }
        try {
            return new Production(sign(request, statuses), List.copyOf(statuses));
        } catch (OCSPException | IOException | RuntimeException e) {
            LOG.error("Signing an OCSP response with {} failed; answering internalError",
                    responder.certificate().getSubject(), e);
            return new Production(internalError, List.of());
        }
    }

    private OcspResult sign(OcspRequestInfo request, List<CertificateStatus> statuses) throws OCSPException, IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(validity);
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
        for (int i = 0; i < statuses.size(); i++) {
            CertificateStatus status = statuses.get(i);
            builder.addResponse(request.certificateIds().get(i), bcStatus(status), Date.from(now), Date.from(nextUpdate),
                    singleExtensions(status));
        }
        request.nonce().ifPresent(nonce -> builder.setResponseExtensions(new Extensions(nonceExtension(nonce))));
        BasicOCSPResp basic = builder.build(responder.contentSigner(), certs, Date.from(now));
        OCSPResponse response = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).toASN1Structure();
        return new OcspResult(OcspResponseStatus.SUCCESSFUL, response.getEncoded(ASN1Encoding.DER), Optional.of(now),
                Optional.of(now), Optional.of(nextUpdate), request.nonce().isPresent());
    }

    private static org.bouncycastle.cert.ocsp.CertificateStatus bcStatus(CertificateStatus status) {
        if (status instanceof CertificateStatus.Good) {
            return org.bouncycastle.cert.ocsp.CertificateStatus.GOOD;
        }
        if (status instanceof CertificateStatus.Revoked revoked) {
            // unspecified is left out, as in our CRLs (RFC 5280 section 5.3.1)
            CRLReason reason = revoked.reason() == RevocationReason.UNSPECIFIED ? null : CRLReason.lookup(revoked.reason().code());
            return new RevokedStatus(new RevokedInfo(generalizedTime(revoked.revocationTime()), reason));
        }
        return new UnknownStatus();
    }

    private static Extensions singleExtensions(CertificateStatus status) {
        if (status instanceof CertificateStatus.Revoked revoked && revoked.invalidityDate().isPresent()) {
            try {
                // RFC 6960 section 4.4.6 allows the CRL entry extensions here
                return new Extensions(new Extension(Extension.invalidityDate, false,
                        generalizedTime(revoked.invalidityDate().get()).getEncoded(ASN1Encoding.DER)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    private static Extension nonceExtension(OcspNonce nonce) {
        try {
            return new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce.value()).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ASN1GeneralizedTime generalizedTime(Instant instant) {
        // RFC 5019 section 2.2.4: no fractional seconds
        return new ASN1GeneralizedTime(Date.from(instant.truncatedTo(ChronoUnit.SECONDS)));
    }

    private static OcspResult unsuccessful(OcspResponseStatus status) {
        try {
            byte[] der = new OCSPResponse(new OCSPResponseStatus(status.code()), null).getEncoded(ASN1Encoding.DER);
            return OcspResult.unsuccessful(status, der);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkDelegatedResponder(X509CertificateHolder responder, X509CertificateHolder issuer) {
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
            throw new IllegalArgumentException("Delegated OCSP responder " + responder.getSubject()
                    + " lacks the id-kp-OCSPSigning extended key usage");
        }
        boolean issuedByIssuer;
        try {
            issuedByIssuer = responder.getIssuer().equals(issuer.getSubject())
                    && responder.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BOUNCY_CASTLE).build(issuer));
        } catch (Exception e) {
            issuedByIssuer = false;
        }
        if (!issuedByIssuer) {
            throw new IllegalArgumentException("Delegated OCSP responder " + responder.getSubject()
                    + " is not issued by " + issuer.getSubject());
        }
    }
}
