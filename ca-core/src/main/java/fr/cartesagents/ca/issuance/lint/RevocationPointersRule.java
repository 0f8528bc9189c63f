package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * When the profile asks for revocation pointers: a CRL distribution point with an http URI, and an
 * AIA with caIssuers, plus OCSP for end entities (CA certificates are checked by CRL only: the
 * responder answers for the issuing CA's certificates). When it does not, neither extension appears.
 */
final class RevocationPointersRule implements LintRule {

    @Override
    public String name() {
        return "revocation-pointers";
    }

    @Override
    public String citation() {
        return "RFC 5280 sections 4.2.1.13 and 4.2.2.1; docs/certificate-profiles.md (URLs)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension crlDp = target.certificate().getExtension(Extension.cRLDistributionPoints);
        Extension aia = target.certificate().getExtension(Extension.authorityInfoAccess);
        if (!target.profile().includeRevocationPointers()) {
            return crlDp == null && aia == null ? List.of()
                    : finding("profile " + target.profile().name() + " carries no CRL distribution point or AIA");
        }
        List<LintFinding> findings = new ArrayList<>(0);
        if (crlDp == null || crlDp.isCritical() || !hasHttpCrlUri(CRLDistPoint.getInstance(crlDp.getParsedValue()))) {
            findings.add(new LintFinding(name(), "a non-critical CRL distribution point with an http URI is required"));
        }
        if (aia == null || aia.isCritical()) {
            findings.add(new LintFinding(name(), "a non-critical authorityInfoAccess is required"));
            return findings;
        }
        AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(aia.getParsedValue());
        if (!hasUri(access, AccessDescription.id_ad_caIssuers)) {
            findings.add(new LintFinding(name(), "authorityInfoAccess needs a caIssuers URI"));
        }
        boolean wantsOcsp = !target.profile().kind().isCa();
        if (hasUri(access, AccessDescription.id_ad_ocsp) != wantsOcsp) {
            findings.add(new LintFinding(name(), wantsOcsp ? "authorityInfoAccess needs an OCSP URI"
                    : "a CA certificate carries no OCSP URI (its status is on the root's CRL)"));
        }
        return findings;
    }

    private static boolean hasHttpCrlUri(CRLDistPoint points) {
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName generalName : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (isHttpUri(generalName)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasUri(AuthorityInformationAccess access, ASN1ObjectIdentifier method) {
        for (AccessDescription description : access.getAccessDescriptions()) {
            if (method.equals(description.getAccessMethod()) && isHttpUri(description.getAccessLocation())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHttpUri(GeneralName name) {
        return name.getTagNo() == GeneralName.uniformResourceIdentifier
                && name.getName().toString().matches("(?i)https?://.+");
    }
}
