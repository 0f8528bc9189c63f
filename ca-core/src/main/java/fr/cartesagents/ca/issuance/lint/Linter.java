package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;

/** Runs a fixed list of rules; immutable and thread-safe. */
public final class Linter {

    private final List<LintRule> rules;

    public Linter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every rule of this package. */
    public static Linter standard() {
        return new Linter(List.of(
                new VersionRule(),
                new SerialNumberRule(),
                new SignatureAlgorithmRule(),
                new IssuerNameRule(),
                new ValidityWithinIssuerRule(),
                new ValidityWithinProfileRule(),
                new SubjectNotEmptyRule(),
                new SubjectStringEncodingRule(),
                new SubjectAttributeLengthRule(),
                new RgsHolderSubjectRule(),
                new SubjectKeyAllowedRule(),
                new BasicConstraintsRule(),
                new KeyUsageMatchesProfileRule(),
                new KeyUsageCriticalRule(),
                new ExtendedKeyUsageRule(),
                new RgsHolderUsageRule(),
                new AuthorityKeyIdentifierRule(),
                new SubjectKeyIdentifierRule(),
                new CertificatePoliciesRule(),
                new RevocationPointersRule(),
                new OcspNoCheckRule(),
                new SubjectAltNameRule(),
                new KnownExtensionsRule()));
    }

    public List<LintRule> rules() {
        return rules;
    }

    /** All findings of all rules; a rule that throws on a malformed structure is itself a finding. */
    public List<LintFinding> lint(LintTarget target) {
        List<LintFinding> findings = new ArrayList<>(0);
        for (LintRule rule : rules) {
            try {
                findings.addAll(rule.check(target));
            } catch (RuntimeException e) {
                findings.add(new LintFinding(rule.name(), "cannot be checked, the structure does not decode: "
                        + e.getClass().getSimpleName()));
            }
        }
        return findings;
    }
}
