package fr.cartesagents.ca.issuance.lint;

import java.util.List;

/** Certificates with extensions are version 3. */
final class VersionRule implements LintRule {

    @Override
    public String name() {
        return "version-3";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.1.2.1";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        int version = target.certificate().getVersionNumber();
        return version == 3 ? List.of() : finding("certificate version is " + version + ", not 3");
    }
}
