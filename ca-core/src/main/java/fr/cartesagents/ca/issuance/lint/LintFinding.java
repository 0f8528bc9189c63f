package fr.cartesagents.ca.issuance.lint;

import java.util.Objects;

/** One defect a rule found: the rule's name and what is wrong, in words safe to log and show. */
public record LintFinding(String rule, String message) {

    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return rule + ": " + message;
    }
}
