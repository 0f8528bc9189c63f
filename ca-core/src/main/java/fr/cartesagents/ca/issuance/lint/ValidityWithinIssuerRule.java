package fr.cartesagents.ca.issuance.lint;

import java.time.Instant;
import java.util.List;

/** The certificate is valid only while its issuer is: no relying party should have to apply a chain model. */
final class ValidityWithinIssuerRule implements LintRule {

    @Override
    public String name() {
        return "validity-within-issuer";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 6.1.3 (a)(2); docs/certificate-profiles.md (capped by the issuer)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Instant notBefore = target.certificate().getNotBefore().toInstant();
        Instant notAfter = target.certificate().getNotAfter().toInstant();
        if (!notBefore.isBefore(notAfter)) {
            return finding("notBefore " + notBefore + " is not before notAfter " + notAfter);
        }
        if (notBefore.isBefore(target.issuer().notBefore())) {
            return finding("notBefore " + notBefore + " precedes the issuer's notBefore " + target.issuer().notBefore());
        }
        if (notAfter.isAfter(target.issuer().notAfter())) {
            return finding("notAfter " + notAfter + " is after the issuer's notAfter " + target.issuer().notAfter());
        }
        return List.of();
    }
}
