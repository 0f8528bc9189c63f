package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;

/** Every DN attribute value is non-empty and within its upper bound. */
final class SubjectAttributeLengthRule implements LintRule {

    @Override
    public String name() {
        return "subject-attribute-lengths";
    }

    @Override
    public String citation() {
        return "RFC 5280 appendix A.1 (ub-common-name 64, ub-organization-name 64, ub-serial-number 64…)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        List<LintFinding> findings = new ArrayList<>(0);
        for (RDN rdn : target.certificate().getSubject().getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                String label = SubjectStringEncodingRule.label(attribute.getType());
                if (!(attribute.getValue() instanceof ASN1String text)) {
                    findings.add(new LintFinding(name(), label + " is not a character string"));
                    continue;
                }
                String value = text.getString();
                int length = value.codePointCount(0, value.length());
                int bound = AttributeUpperBounds.of(attribute.getType());
                if (length == 0) {
                    findings.add(new LintFinding(name(), label + " is empty"));
                } else if (length > bound) {
                    findings.add(new LintFinding(name(), label + " has " + length + " characters, more than " + bound));
                }
            }
        }
        return findings;
    }
}
