package fr.cartesagents.ca.issuance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import fr.cartesagents.ca.profile.CertificateProfile;
import fr.cartesagents.ca.profile.IssuerUrls;
import fr.cartesagents.ca.profile.KeyUsageBit;
import fr.cartesagents.ca.publickey.KeyIdentifiers;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The extensions of one profile under one issuer. Everything that does not depend on the subject
 * key or names is encoded once, when the CA is built.
 */
final class ExtensionPlan {

    private final CertificateProfile profile;
    private final Extension basicConstraints;
    private final Extension keyUsageRsa;
    private final Extension keyUsageEc;
    private final Extension extendedKeyUsage;
    private final Extension authorityKeyIdentifier;
    private final Extension certificatePolicies;
    private final Extension crlDistributionPoints;
    private final Extension authorityInfoAccess;
    private final Extension ocspNoCheck;

    private ExtensionPlan(CertificateProfile profile, Issuer issuer, IssuerUrls urls) {
        this.profile = profile;
        this.basicConstraints = extension(Extension.basicConstraints, true, profile.kind().isCa()
                ? (profile.pathLength().isPresent() ? new BasicConstraints(profile.pathLength().getAsInt()) : new BasicConstraints(true))
                : new BasicConstraints(false));
        this.keyUsageRsa = extension(Extension.keyUsage, profile.keyUsageCritical(),
                KeyUsageBit.toKeyUsage(profile.keyUsageFor(KeySpec.RSA_2048)));
        this.keyUsageEc = extension(Extension.keyUsage, profile.keyUsageCritical(),
                KeyUsageBit.toKeyUsage(profile.keyUsageFor(KeySpec.EC_P256)));
        this.extendedKeyUsage = profile.extendedKeyUsageOids().isEmpty() ? null
                : extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(profile.extendedKeyUsageOids().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))).toArray(KeyPurposeId[]::new)));
        this.authorityKeyIdentifier = extension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(issuer.keyIdentifier()));
        this.certificatePolicies = profile.policyOids().isEmpty() ? null
                : extension(Extension.certificatePolicies, false, new CertificatePolicies(profile.policyOids().stream()
                        .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid))).toArray(PolicyInformation[]::new)));
        this.crlDistributionPoints = profile.includeRevocationPointers()
                ? extension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(new GeneralNames(uri(urls.crl()))), null, null)}))
                : null;
        this.authorityInfoAccess = profile.includeRevocationPointers() ? authorityInfoAccess(profile, urls) : null;
        this.ocspNoCheck = profile.ocspNoCheck()
                ? extension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
                : null;
    }

    static ExtensionPlan of(CertificateProfile profile, Issuer issuer, IssuerUrls urls) {
        if (profile.includeRevocationPointers()) {
            if (urls == null) {
                throw new IllegalStateException("profile " + profile.name() + " needs issuer URLs (CRL, AIA)");
            }
            if (!profile.kind().isCa() && urls.ocsp() == null) {
                throw new IllegalStateException("profile " + profile.name() + " needs an OCSP URL");
            }
        }
        return new ExtensionPlan(profile, issuer, urls);
    }

    Extensions extensionsFor(SubjectPublicKeyInfo publicKey, KeySpec keySpec, List<GeneralName> subjectAltNames) {
        ExtensionsGenerator generator = new ExtensionsGenerator();
        generator.addExtension(basicConstraints);
        generator.addExtension(keySpec.isRsa() ? keyUsageRsa : keyUsageEc);
        add(generator, extendedKeyUsage);
        generator.addExtension(extension(Extension.subjectKeyIdentifier, false,
                new SubjectKeyIdentifier(KeyIdentifiers.subjectKeyIdentifier(publicKey))));
        generator.addExtension(authorityKeyIdentifier);
        if (!subjectAltNames.isEmpty()) {
            generator.addExtension(extension(Extension.subjectAlternativeName, false,
                    new GeneralNames(subjectAltNames.toArray(GeneralName[]::new))));
        }
        add(generator, certificatePolicies);
        add(generator, crlDistributionPoints);
        add(generator, authorityInfoAccess);
        add(generator, ocspNoCheck);
        return generator.generate();
    }

    CertificateProfile profile() {
        return profile;
    }

    private static Extension authorityInfoAccess(CertificateProfile profile, IssuerUrls urls) {
        List<AccessDescription> descriptions = new ArrayList<>(2);
        // CA certificates are checked against the root's CRL; the OCSP responder answers for end entities only.
        if (!profile.kind().isCa()) {
            descriptions.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri(urls.ocsp())));
        }
        descriptions.add(new AccessDescription(AccessDescription.id_ad_caIssuers, uri(urls.caIssuers())));
        return extension(Extension.authorityInfoAccess, false,
                new AuthorityInformationAccess(descriptions.toArray(AccessDescription[]::new)));
    }

    private static GeneralName uri(URI uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri.toASCIIString());
    }

    private static void add(ExtensionsGenerator generator, Extension extension) {
        if (extension != null) {
            generator.addExtension(extension);
        }
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
