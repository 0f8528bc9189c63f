package fr.cartesagents.ca.issuance.lint;

import java.util.List;

import fr.cartesagents.ca.issuance.IssuanceRefusedException;
import fr.cartesagents.ca.issuance.SubjectKeyPolicy;
import fr.cartesagents.ca.token.KeySpec;

/** The certified key is one of the types the profile allows (RSA 2048+, P-256, P-384). */
final class SubjectKeyAllowedRule implements LintRule {

    @Override
    public String name() {
        return "subject-key-allowed";
    }

    @Override
    public String citation() {
        return "RGS v2 annex B1 (key sizes); docs/certificate-profiles.md (allowed holder keys)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        try {
            KeySpec spec = SubjectKeyPolicy.keySpecOf(target.certificate().getSubjectPublicKeyInfo());
            return target.profile().allowedKeys().contains(spec)
                    ? List.of()
                    : finding(spec + " keys are not allowed by profile " + target.profile().name());
        } catch (IssuanceRefusedException e) {
            return finding(e.getMessage());
        }
    }
}
