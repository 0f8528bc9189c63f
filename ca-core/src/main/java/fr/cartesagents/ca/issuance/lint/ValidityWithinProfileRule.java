package fr.cartesagents.ca.issuance.lint;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The lifetime never exceeds the profile's (for holders RGS caps it at 3 years). */
final class ValidityWithinProfileRule implements LintRule {

    @Override
    public String name() {
        return "validity-within-profile";
    }

    @Override
    public String citation() {
        return "docs/certificate-profiles.md (validity column); RGS v2 annex A4";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Instant notBefore = target.certificate().getNotBefore().toInstant();
        Instant notAfter = target.certificate().getNotAfter().toInstant();
        Instant limit = notBefore.atOffset(ZoneOffset.UTC).plus(target.profile().validity()).toInstant();
        return notAfter.isAfter(limit)
                ? finding("lifetime exceeds the profile's " + target.profile().validity() + " (notAfter " + notAfter + ")")
                : List.of();
    }
}
