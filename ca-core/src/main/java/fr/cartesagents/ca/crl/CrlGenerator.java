package fr.cartesagents.ca.crl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ca.token.CryptoTokenException;

/**
 * Signs full and delta CRLs (RFC 5280 section 5) for one CA.
 *
 * <p>Entries are streamed: each one is DER-encoded as the iterator yields it into a single byte
 * buffer, which is then fed to the token's signer and copied once into the CertificateList. Neither
 * the entries nor their ASN.1 objects are kept, so a CRL of a million entries needs about twice its
 * own size in heap (BouncyCastle's {@code X509v2CRLBuilder} keeps every entry as objects).
 *
 * <p>CRL numbers are owned by the caller (the registration authority keeps the sequence in its
 * database): full and delta CRLs share one strictly increasing sequence, gaps are allowed. As a
 * guard against publishing an older number after a newer one, a generator refuses a number that is
 * not greater than the last one it was asked to sign, even if that signature failed: never reuse
 * a number, draw the next one.
 *
 * <p>Thread-safe.
 */
public final class CrlGenerator {

    /** RFC 5280 section 5.2.3: CRL numbers are at most 20 octets. */
    private static final int MAX_CRL_NUMBER_BITS = 159;
    private static final int INITIAL_ENTRY_BUFFER = 64 * 1024;

    private final CaSigner signer;
    private final CrlSettings settings;
    private final Clock clock;
    private final byte[] issuerDer;
    private final Extension authorityKeyIdentifier;
    private final AtomicReference<BigInteger> lastNumber = new AtomicReference<>(BigInteger.ZERO);

    public CrlGenerator(CaSigner signer, CrlSettings settings, Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        X509CertificateHolder certificate = signer.certificate();
        try {
            // The issuer field must be the CA's subject exactly as encoded in its certificate.
            this.issuerDer = certificate.toASN1Structure().getSubject().getEncoded(ASN1Encoding.DER);
            this.authorityKeyIdentifier = new Extension(Extension.authorityKeyIdentifier, false,
                    authorityKeyIdentifierOf(certificate).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalArgumentException("Unencodable CA certificate " + certificate.getSubject(), e);
        }
    }

    /**
     * A full CRL listing {@code entries} (which must not contain removeFromCRL entries).
     *
     * @param freshestCrl where the delta CRLs of this base are published (FreshestCRL extension, RFC 5280 section 5.2.6)
     */
    public GeneratedCrl full(BigInteger crlNumber, Iterator<RevokedCertificate> entries, Optional<URI> freshestCrl) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(freshestCrl, "freshestCrl");
        checkCrlNumber("crlNumber", crlNumber);
        reserve(crlNumber);
        List<Extension> extensions = new ArrayList<>();
        extensions.add(authorityKeyIdentifier);
        extensions.add(crlNumberExtension(crlNumber));
        freshestCrl.ifPresent(uri -> extensions.add(freshestCrlExtension(uri)));
        return sign(crlNumber, entries, extensions, false);
    }

    /**
     * A delta CRL (RFC 5280 section 5.2.4) listing the changes since the full CRL {@code baseCrlNumber},
     * including removeFromCRL entries for certificates taken off hold.
     */
    public GeneratedCrl delta(BigInteger crlNumber, BigInteger baseCrlNumber, Iterator<RevokedCertificate> entriesSinceBase) {
        Objects.requireNonNull(entriesSinceBase, "entriesSinceBase");
        checkCrlNumber("crlNumber", crlNumber);
        checkCrlNumber("baseCrlNumber", baseCrlNumber);
        if (baseCrlNumber.compareTo(crlNumber) >= 0) {
            throw new IllegalArgumentException("The base CRL number " + baseCrlNumber
                    + " must be lower than the delta CRL number " + crlNumber);
        }
        reserve(crlNumber);
        List<Extension> extensions = new ArrayList<>();
        extensions.add(authorityKeyIdentifier);
        extensions.add(crlNumberExtension(crlNumber));
        extensions.add(encodedExtension(Extension.deltaCRLIndicator, true, new CRLNumber(baseCrlNumber)));
        return sign(crlNumber, entriesSinceBase, extensions, true);
    }

    private GeneratedCrl sign(BigInteger number, Iterator<RevokedCertificate> entries, List<Extension> extensions,
                              boolean delta) {
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(settings.nextUpdateAfter());
        ContentSigner contentSigner = signer.contentSigner();
        AlgorithmIdentifier signatureAlgorithm = contentSigner.getAlgorithmIdentifier();

        byte[] header = concatenateDer(new ASN1Integer(1), signatureAlgorithm, issuerDer,
                new Time(Date.from(thisUpdate)), new Time(Date.from(nextUpdate)));
        DerBuffer revoked = encodeEntries(entries, delta);
        byte[] crlExtensions = der(new DERTaggedObject(true, 0, new Extensions(extensions.toArray(Extension[]::new))));

        int revokedTlv = revoked.size() == 0 ? 0 : DerBuffer.tlvSize(revoked.size());
        int tbsContent = Math.addExact(Math.addExact(header.length, revokedTlv), crlExtensions.length);
        byte[] tbsHeader = tlvHeader(BERTags.SEQUENCE | BERTags.CONSTRUCTED, tbsContent);
        byte[] revokedHeader = tlvHeader(BERTags.SEQUENCE | BERTags.CONSTRUCTED, revoked.size());

        byte[] signature;
        try (OutputStream toBeSigned = contentSigner.getOutputStream()) {
            toBeSigned.write(tbsHeader);
            toBeSigned.write(header);
            if (revoked.size() > 0) {
                toBeSigned.write(revokedHeader);
                revoked.writeTo(toBeSigned);
            }
            toBeSigned.write(crlExtensions);
        } catch (IOException e) {
            throw new CryptoTokenException("Signing CRL #" + number + " of " + signer.certificate().getSubject() + " failed", e);
        }
        signature = contentSigner.getSignature();

        byte[] algorithmDer = der(signatureAlgorithm);
        int tbsTlv = DerBuffer.tlvSize(tbsContent);
        int signatureTlv = DerBuffer.tlvSize(signature.length + 1);
        int certificateListContent = Math.addExact(Math.addExact(tbsTlv, algorithmDer.length), signatureTlv);

        DerBuffer crl = new DerBuffer(DerBuffer.tlvSize(certificateListContent));
        crl.writeHeader(BERTags.SEQUENCE | BERTags.CONSTRUCTED, certificateListContent);
        crl.write(tbsHeader);
        crl.write(header);
        if (revoked.size() > 0) {
            crl.write(revokedHeader);
            revoked.writeTo(crl);
        }
        crl.write(crlExtensions);
        crl.write(algorithmDer);
        crl.writeHeader(BERTags.BIT_STRING, signature.length + 1);
        crl.write(0); // no unused bits
        crl.write(signature);
        return new GeneratedCrl(number, crl.toByteArrayExact(), thisUpdate, nextUpdate, delta);
    }

    private static DerBuffer encodeEntries(Iterator<RevokedCertificate> entries, boolean delta) {
        CrlEntryEncoder encoder = new CrlEntryEncoder();
        DerBuffer revoked = new DerBuffer(INITIAL_ENTRY_BUFFER);
        while (entries.hasNext()) {
            RevokedCertificate entry = Objects.requireNonNull(entries.next(), "CRL entry");
            if (!delta && entry.reason() == RevocationReason.REMOVE_FROM_CRL) {
                // RFC 5280 section 5.3.1: removeFromCRL only appears in delta CRLs
                throw new IllegalArgumentException("Full CRL entry " + entry.serialNumber().toString(16)
                        + " has reason removeFromCRL, which only a delta CRL may carry");
            }
            encoder.encode(entry, revoked);
        }
        return revoked;
    }

    private void reserve(BigInteger crlNumber) {
        while (true) {
            BigInteger last = lastNumber.get();
            if (crlNumber.compareTo(last) <= 0) {
                throw new IllegalArgumentException("CRL number " + crlNumber
                        + " is not greater than " + last + ", the last number this generator was asked to sign");
            }
            if (lastNumber.compareAndSet(last, crlNumber)) {
                return;
            }
        }
    }

    private static void checkCrlNumber(String name, BigInteger number) {
        Objects.requireNonNull(number, name);
        if (number.signum() <= 0 || number.bitLength() > MAX_CRL_NUMBER_BITS) {
            throw new IllegalArgumentException(name + " must be a positive integer of at most 20 octets, got " + number);
        }
    }

    private static Extension crlNumberExtension(BigInteger number) {
        return encodedExtension(Extension.cRLNumber, false, new CRLNumber(number));
    }

    private static Extension freshestCrlExtension(URI deltaLocation) {
        DistributionPointName name = new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, deltaLocation.toString())));
        return encodedExtension(Extension.freshestCRL, false,
                new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)}));
    }

    private static Extension encodedExtension(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical,
                                              ASN1Encodable value) {
        return new Extension(oid, critical, der(value));
    }

    private static AuthorityKeyIdentifier authorityKeyIdentifierOf(X509CertificateHolder certificate) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
        if (ski != null) {
            return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
        }
        // RFC 5280 section 4.2.1.2 method 1, as the CA's own certificate would have computed it
        return new AuthorityKeyIdentifier(
                new BcX509ExtensionUtils().createSubjectKeyIdentifier(certificate.getSubjectPublicKeyInfo()).getKeyIdentifier());
    }

    private static byte[] concatenateDer(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] bytes ? bytes : der((ASN1Encodable) part));
        }
        return out.toByteArray();
    }

    private static byte[] tlvHeader(int tag, int contentLength) {
        byte[] header = new byte[1 + DerBuffer.lengthOfLength(contentLength)];
        header[0] = (byte) tag;
        DerBuffer.putLength(header, 1, contentLength);
        return header;
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("Unencodable " + value.getClass().getSimpleName(), e);
        }
    }
}
