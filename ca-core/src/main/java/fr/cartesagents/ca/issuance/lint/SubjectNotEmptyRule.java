package fr.cartesagents.ca.issuance.lint;

import java.util.List;

/** Every certificate this CA issues names its subject in the DN. */
final class SubjectNotEmptyRule implements LintRule {

    @Override
    public String name() {
        return "subject-not-empty";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.1.2.6; RGS holder DN";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        return target.certificate().getSubject().getRDNs().length == 0 ? finding("subject DN is empty") : List.of();
    }
}
