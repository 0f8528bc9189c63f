package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * Only the extensions the profiles define appear, and only basicConstraints and keyUsage are critical:
 * an unexpected critical extension would make relying parties reject the certificate.
 */
final class KnownExtensionsRule implements LintRule {

    private static final Set<ASN1ObjectIdentifier> KNOWN = Set.of(
            Extension.basicConstraints, Extension.keyUsage, Extension.extendedKeyUsage,
            Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier, Extension.certificatePolicies,
            Extension.cRLDistributionPoints, Extension.authorityInfoAccess, Extension.subjectAlternativeName,
            Extension.freshestCRL, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
    private static final Set<ASN1ObjectIdentifier> MAY_BE_CRITICAL = Set.of(Extension.basicConstraints, Extension.keyUsage);

    @Override
    public String name() {
        return "known-extensions-only";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2; docs/certificate-profiles.md";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extensions extensions = target.certificate().getExtensions();
        if (extensions == null) {
            return finding("the certificate has no extensions");
        }
        List<LintFinding> findings = new ArrayList<>(0);
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            if (!KNOWN.contains(oid)) {
                findings.add(new LintFinding(name(), "unexpected extension " + oid.getId()));
            } else if (extensions.getExtension(oid).isCritical() && !MAY_BE_CRITICAL.contains(oid)) {
                findings.add(new LintFinding(name(), "extension " + oid.getId() + " must not be critical"));
            }
        }
        return findings;
    }
}
