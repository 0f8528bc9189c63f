package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;

/** certificatePolicies lists exactly the profile's policies, non-critical; absent when the profile has none. */
final class CertificatePoliciesRule implements LintRule {

    @Override
    public String name() {
        return "certificate-policies-match-profile";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2.1.4; docs/certificate-profiles.md (policy identifiers)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(Extension.certificatePolicies);
        List<String> expected = target.profile().policyOids();
        if (extension == null) {
            return expected.isEmpty() ? List.of() : finding("certificatePolicies is missing, profile wants " + expected);
        }
        if (extension.isCritical()) {
            return finding("certificatePolicies must not be critical");
        }
        List<String> actual = new ArrayList<>();
        for (PolicyInformation policy : CertificatePolicies.getInstance(extension.getParsedValue()).getPolicyInformation()) {
            actual.add(policy.getPolicyIdentifier().getId());
        }
        return actual.equals(expected) ? List.of() : finding("policies " + actual + " differ from the profile's " + expected);
    }
}
