package fr.cartesagents.ca.issuance.lint;

import java.math.BigInteger;
import java.util.List;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;

/**
 * basicConstraints is present and critical; cA matches the profile kind, and pathLenConstraint the
 * profile. End entities carry it too (cA FALSE), so that no validator mistakes them for a CA.
 */
final class BasicConstraintsRule implements LintRule {

    @Override
    public String name() {
        return "basic-constraints";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2.1.9";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(Extension.basicConstraints);
        if (extension == null) {
            return finding("basicConstraints is missing");
        }
        if (!extension.isCritical()) {
            return finding("basicConstraints must be critical");
        }
        BasicConstraints constraints = BasicConstraints.getInstance(extension.getParsedValue());
        boolean ca = target.profile().kind().isCa();
        if (constraints.isCA() != ca) {
            return finding("cA is " + constraints.isCA() + " but profile " + target.profile().name() + " wants " + ca);
        }
        BigInteger pathLength = constraints.getPathLenConstraint();
        if (target.profile().pathLength().isPresent()) {
            if (pathLength == null || pathLength.intValueExact() != target.profile().pathLength().getAsInt()) {
                return finding("pathLenConstraint must be " + target.profile().pathLength().getAsInt());
            }
        } else if (pathLength != null) {
            return finding("pathLenConstraint must be absent");
        }
        return List.of();
    }
}
