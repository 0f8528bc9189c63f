package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** extKeyUsage lists exactly the profile's purposes, in order, non-critical; absent when the profile has none. */
final class ExtendedKeyUsageRule implements LintRule {

    @Override
    public String name() {
        return "extended-key-usage-matches-profile";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2.1.12; docs/certificate-profiles.md";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(Extension.extendedKeyUsage);
        List<String> expected = target.profile().extendedKeyUsageOids();
        if (extension == null) {
            return expected.isEmpty() ? List.of() : finding("extKeyUsage is missing, profile wants " + expected);
        }
        if (expected.isEmpty()) {
            return finding("extKeyUsage present but profile " + target.profile().name() + " has none");
        }
        List<String> actual = new ArrayList<>();
        for (KeyPurposeId purpose : ExtendedKeyUsage.getInstance(extension.getParsedValue()).getUsages()) {
            actual.add(purpose.getId());
        }
        if (!actual.equals(expected)) {
            return finding("extKeyUsage " + actual + " differs from the profile's " + expected);
        }
        return extension.isCritical() ? finding("extKeyUsage must not be critical") : List.of();
    }
}
