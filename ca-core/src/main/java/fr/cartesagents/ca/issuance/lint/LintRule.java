package fr.cartesagents.ca.issuance.lint;

import java.util.List;

/**
 * One check of a to-be-issued certificate against its profile or a requirement the CA must meet.
 * Rules are stateless and thread-safe; a rule that finds nothing returns an empty list.
 */
public interface LintRule {

    /** A stable, kebab-case name that findings and refusals carry (e.g. "key-usage-critical"). */
    String name();

    /** The requirement the rule enforces (RFC section, RGS annex, profile document). */
    String citation();

    List<LintFinding> check(LintTarget target);

    default List<LintFinding> finding(String message) {
        return List.of(new LintFinding(name(), message));
    }
}
