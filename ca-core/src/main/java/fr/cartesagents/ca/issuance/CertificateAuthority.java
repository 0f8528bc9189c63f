package fr.cartesagents.ca.issuance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;
import fr.cartesagents.ca.issuance.lint.Linter;
import fr.cartesagents.ca.profile.CertificateProfile;
import fr.cartesagents.ca.profile.IssuerUrls;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.profile.ProfileKind;
import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.CryptoTokenException;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Issues certificates from PKCS#10 requests. The CA, not the caller, decides the serial, the validity,
 * the subject encoding and the extensions; the caller chooses a profile and vouches for a subject.
 * Each certificate is built, linted against its profile (see {@link LintSigning}), and only then signed
 * by the CA key in its token.
 *
 * <p>Immutable and thread-safe. Everything that does not depend on the request is computed in
 * {@link Builder#build()}, so that an issuance costs little more than the token's signature.
 */
public final class CertificateAuthority {

    /** Requests above this size are refused before parsing (a PKCS#10 with an RSA 4096 key is under 2 KiB). */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final Issuer issuer;
    private final Map<String, ExtensionPlan> plans;
    private final Clock clock;
    private final SerialNumbers serials;
    private final PreIssuanceLint lint;

    private CertificateAuthority(Issuer issuer, ProfileCatalog profiles, IssuerUrls urls, Clock clock,
                                 SecureRandom random, LintSigning lintSigning, Linter linter) {
        this.issuer = issuer;
        Map<String, ExtensionPlan> byName = new HashMap<>();
        for (CertificateProfile profile : profiles.all()) {
            byName.put(profile.name(), ExtensionPlan.of(profile, issuer, urls));
        }
        this.plans = Map.copyOf(byName);
        this.clock = clock;
        this.serials = new SerialNumbers(random);
        this.lint = new PreIssuanceLint(linter, lintSigning, issuer);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the request (size, DER, key strength and type, proof of possession, subject) and issues.
     *
     * @throws IssuanceRefusedException with the reason the request was refused
     * @throws CryptoTokenException     when the token fails to sign
     */
    public IssuedCertificate issue(IssuanceRequest request) {
        return sign(prepare(request));
    }

    /**
     * Does every check of {@link #issue} (size, DER, key strength and type, proof of possession,
     * subject, profile, issuer validity, pre-issuance lint) and draws the serial, without signing:
     * the caller can record the serial before {@link #sign} makes the certificate exist.
     *
     * @throws IssuanceRefusedException with the reason the request was refused
     */
    public PreparedCertificate prepare(IssuanceRequest request) {
        Objects.requireNonNull(request, "request");
        ExtensionPlan plan = plan(request.profileName());
        PKCS10CertificationRequest csr = CertificationRequests.parse(request.csrDerUnsafe());
        KeySpec keySpec = SubjectKeyPolicy.check(csr.getSubjectPublicKeyInfo(), plan.profile());
        CertificationRequests.verifyProofOfPossession(csr);
        return prepare(plan, csr.getSubjectPublicKeyInfo(), keySpec, request.subject(), request.latestNotAfter());
    }

    /**
     * Has the token sign exactly the TBSCertificate that {@link #prepare} linted; nothing is rebuilt
     * and nothing is refused here.
     *
     * @throws IllegalArgumentException when {@code prepared} comes from another CertificateAuthority
     * @throws CryptoTokenException     when the token fails to sign
     */
    public IssuedCertificate sign(PreparedCertificate prepared) {
        Objects.requireNonNull(prepared, "prepared");
        if (!prepared.preparedBy(this)) {
            throw new IllegalArgumentException("this certificate was prepared by another certificate authority");
        }
        byte[] tbsDer = prepared.tbsDerUnsafe();
        byte[] signature = sign(tbsDer);
        return new IssuedCertificate(prepared.serial(),
                new X509CertificateHolder(certificate(TBSCertificate.getInstance(tbsDer), signature)), prepared.profileName());
    }

    /**
     * Issues for a key whose possession the operator established without a PKCS#10: a key the key
     * ceremony just generated in a token, or the server's own TLS key. Every other check applies.
     */
    public IssuedCertificate issueForTrustedKey(String profileName, SubjectPublicKeyInfo publicKey, Subject subject) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(subject, "subject");
        ExtensionPlan plan = plan(profileName);
        KeySpec keySpec = SubjectKeyPolicy.check(publicKey, plan.profile());
        return sign(prepare(plan, publicKey, keySpec, subject, Optional.empty()));
    }

    /**
     * A self-signed root certificate for the key {@code keyAlias} of {@code token}, built and linted
     * like any other certificate under {@code rootProfile} (which must be of kind ROOT_CA).
     */
    public static IssuedCertificate selfSign(CryptoToken token, String keyAlias, DistinguishedName name,
                                             CertificateProfile rootProfile, Clock clock, SecureRandom random) {
        if (rootProfile.kind() != ProfileKind.ROOT_CA) {
            throw new IllegalArgumentException("a self-signed certificate needs a ROOT_CA profile, got " + rootProfile.kind());
        }
        PublicKey publicKey = token.publicKey(keyAlias).orElseThrow(
                () -> new CryptoTokenException("no key " + keyAlias + " in " + token.description()));
        X500Name subject = name.toX500Name();
        Issuer issuer = Issuer.selfSigned(subject, publicKey, token, keyAlias);
        CertificateAuthority self = new CertificateAuthority(issuer, ProfileCatalog.of(rootProfile), null, clock, random,
                LintSigning.THROWAWAY_KEY, Linter.standard());
        return self.issueForTrustedKey(rootProfile.name(), SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()), name);
    }

    /** The certificate of the CA that signs. */
    public X500Name issuerName() {
        return issuer.name();
    }

    private ExtensionPlan plan(String profileName) {
        ExtensionPlan plan = profileName == null ? null : plans.get(profileName);
        if (plan == null) {
            throw new IssuanceRefusedException(Reason.UNKNOWN_PROFILE,
                    "unknown certificate profile '" + profileName + "'; this CA issues " + plans.keySet().stream().sorted().toList());
        }
        return plan;
    }

    private PreparedCertificate prepare(ExtensionPlan plan, SubjectPublicKeyInfo publicKey, KeySpec keySpec, Subject subject,
                                        Optional<Instant> latestNotAfter) {
        CertificateProfile profile = plan.profile();
        checkSubjectKind(profile, subject);
        X500Name subjectName = subject.toX500Name();
        List<org.bouncycastle.asn1.x509.GeneralName> altNames = subject.subjectAlternativeNames();

        // X.509 times have a one-second resolution; truncating keeps what is linted equal to what is encoded.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!issuer.isValidAt(now)) {
            throw new IssuanceRefusedException(Reason.ISSUER_NOT_VALID, "the issuing CA certificate is not valid at "
                    + now + " (valid from " + issuer.notBefore() + " to " + issuer.notAfter() + ")");
        }
        Instant wanted = now.atOffset(ZoneOffset.UTC).plus(profile.validity()).toInstant();
        Instant notAfter = wanted.isAfter(issuer.notAfter()) ? issuer.notAfter() : wanted;
        if (latestNotAfter.isPresent()) {
            // X.509 keeps whole seconds: truncating keeps the certificate within the limit, not one fraction past it.
            Instant latest = latestNotAfter.get().truncatedTo(ChronoUnit.SECONDS);
            if (!latest.isAfter(now)) {
                throw new IssuanceRefusedException(Reason.NO_VALIDITY_LEFT, "the certificate would have to end at " + latest
                        + ", which is not after its issuance at " + now);
            }
            notAfter = latest.isBefore(notAfter) ? latest : notAfter;
        }

        BigInteger serial = serials.next();
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new ASN1Integer(serial));
        generator.setSignature(issuer.algorithmIdentifier());
        generator.setIssuer(issuer.name());
        generator.setStartDate(new Time(Date.from(now)));
        generator.setEndDate(new Time(Date.from(notAfter)));
        generator.setSubject(subjectName);
        generator.setSubjectPublicKeyInfo(publicKey);
        generator.setExtensions(plan.extensionsFor(publicKey, keySpec, altNames));
        TBSCertificate tbs = generator.generateTBSCertificate();
        byte[] tbsDer = der(tbs);

        lint.check(tbs, tbsDer, profile);
        return new PreparedCertificate(serial, profile.name(), subjectName, now, notAfter, tbsDer, this);
    }

    private static void checkSubjectKind(CertificateProfile profile, Subject subject) {
        boolean fits = switch (profile.kind()) {
            case AUTHENTICATION, SIGNATURE -> subject instanceof HolderSubject;
            case TLS_SERVER -> subject instanceof ServerSubject;
            case TLS_CLIENT -> subject instanceof DistinguishedName || subject instanceof HolderSubject;
            case ROOT_CA, ISSUING_CA, OCSP_SIGNER -> subject instanceof DistinguishedName;
        };
        if (!fits) {
            throw SubjectRules.invalid("profile " + profile.name() + " does not take a "
                    + subject.getClass().getSimpleName());
        }
    }

    private byte[] sign(byte[] tbsDer) {
        ContentSigner signer = issuer.contentSigner();
        if (!signer.getAlgorithmIdentifier().equals(issuer.algorithmIdentifier())) {
            throw new CryptoTokenException("the token signs with " + signer.getAlgorithmIdentifier().getAlgorithm().getId()
                    + ", not the algorithm written in the certificate");
        }
        try (OutputStream out = signer.getOutputStream()) {
            out.write(tbsDer);
        } catch (IOException e) {
            throw new CryptoTokenException("the token failed while signing", e);
        }
        byte[] signature = signer.getSignature();
        if (issuer.algorithm().isRsa()) {
            verifyRsaSignature(tbsDer, signature);
        }
        return signature;
    }

    /**
     * A faulty RSA-CRT signature reveals the private key to whoever holds it (Lenstra's attack): check
     * each one before it leaves the CA. Verifying RSA costs a few percent of signing.
     */
    private void verifyRsaSignature(byte[] tbsDer, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(issuer.algorithm().jcaName());
            verifier.initVerify(issuer.publicKey());
            verifier.update(tbsDer);
            if (!verifier.verify(signature)) {
                throw new CryptoTokenException("the token produced a signature that does not verify; certificate discarded");
            }
        } catch (GeneralSecurityException e) {
            throw new CryptoTokenException("cannot verify the token's signature", e);
        }
    }

    private Certificate certificate(TBSCertificate tbs, byte[] signature) {
        ASN1EncodableVector vector = new ASN1EncodableVector(3);
        vector.add(tbs);
        vector.add(issuer.algorithmIdentifier());
        vector.add(new DERBitString(signature));
        return Certificate.getInstance(new DERSequence(vector));
    }

    private static byte[] der(TBSCertificate tbs) {
        try {
            return tbs.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a {@link CertificateAuthority}; signer and profiles are required. */
    public static final class Builder {

        private CaSigner signer;
        private ProfileCatalog profiles;
        private IssuerUrls urls;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;
        private LintSigning lintSigning = LintSigning.THROWAWAY_KEY;
        private Linter linter = Linter.standard();

        private Builder() {
        }

        /** The CA certificate and the token key that signs for it. */
        public Builder signer(CaSigner signer) {
            this.signer = signer;
            return this;
        }

        public Builder profiles(ProfileCatalog profiles) {
            this.profiles = profiles;
            return this;
        }

        /** The issuer's OCSP, caIssuers and CRL URLs; required when a profile carries revocation pointers. */
        public Builder urls(IssuerUrls urls) {
            this.urls = urls;
            return this;
        }

        /** Default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Source of serial numbers; default: a new {@link SecureRandom}. */
        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        /** Default: {@link LintSigning#THROWAWAY_KEY}. */
        public Builder lintSigning(LintSigning lintSigning) {
            this.lintSigning = lintSigning;
            return this;
        }

        /** Default: {@link Linter#standard()}. */
        public Builder linter(Linter linter) {
            this.linter = linter;
            return this;
        }

        /**
         * @throws IllegalStateException when a required part is missing or a profile needs URLs that
         *                               were not given
         */
        public CertificateAuthority build() {
            if (signer == null || profiles == null || clock == null || lintSigning == null || linter == null) {
                throw new IllegalStateException("a CertificateAuthority needs a signer, profiles, a clock, a lint mode and a linter");
            }
            return new CertificateAuthority(Issuer.of(signer), profiles, urls, clock,
                    random != null ? random : new SecureRandom(), lintSigning, linter);
        }
    }
}
