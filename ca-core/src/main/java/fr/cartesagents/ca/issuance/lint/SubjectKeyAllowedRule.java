package fr.cartesagents.ca.issuance.lint;

import java.util.List;

import fr.cartesagents.ca.publickey.SubjectKeyTypes;
import fr.cartesagents.ca.publickey.UnacceptableKeyException;
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
            KeySpec spec = SubjectKeyTypes.of(target.certificate().getSubjectPublicKeyInfo());
            return target.profile().allowedKeys().contains(spec)
                    ? List.of()
                    : finding(spec + " keys are not allowed by profile " + target.profile().name());
        } catch (UnacceptableKeyException e) {
            return finding(e.getMessage());
        }
    }
}
