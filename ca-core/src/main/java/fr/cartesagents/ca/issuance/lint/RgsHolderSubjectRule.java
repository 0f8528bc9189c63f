package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** A holder DN has exactly C=FR, O, OU=0002 &lt;SIREN&gt;, CN and serialNumber. */
final class RgsHolderSubjectRule implements LintRule {

    private static final ASN1ObjectIdentifier[] REQUIRED = {BCStyle.C, BCStyle.O, BCStyle.OU, BCStyle.CN,
            BCStyle.SERIALNUMBER};

    @Override
    public String name() {
        return "rgs-holder-subject";
    }

    @Override
    public String citation() {
        return "RGS v2 (profils de certificats, DN des porteurs); docs/certificate-profiles.md (holder subject)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        if (!target.profile().kind().isHolder()) {
            return List.of();
        }
        X500Name subject = target.certificate().getSubject();
        List<LintFinding> findings = new ArrayList<>(0);
        for (ASN1ObjectIdentifier type : REQUIRED) {
            RDN[] rdns = subject.getRDNs(type);
            if (rdns.length != 1) {
                findings.add(new LintFinding(name(), "holder DN needs exactly one "
                        + SubjectStringEncodingRule.label(type) + ", found " + rdns.length));
            }
        }
        if (subject.getRDNs().length != REQUIRED.length) {
            findings.add(new LintFinding(name(), "holder DN has attributes beyond C, O, OU, CN, serialNumber"));
        }
        if (findings.isEmpty()) {
            String c = IETFUtils.valueToString(subject.getRDNs(BCStyle.C)[0].getFirst().getValue());
            String ou = IETFUtils.valueToString(subject.getRDNs(BCStyle.OU)[0].getFirst().getValue());
            if (!"FR".equals(c)) {
                findings.add(new LintFinding(name(), "holder DN country must be FR"));
            }
            if (!ou.matches("0002 [0-9]{9}")) {
                findings.add(new LintFinding(name(), "holder OU must be '0002 ' followed by the 9-digit SIREN"));
            }
        }
        return findings;
    }
}
