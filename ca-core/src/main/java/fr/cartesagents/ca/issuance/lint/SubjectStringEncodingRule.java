package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * C and serialNumber are PrintableString (X.520 requires it), C being two upper-case letters (ISO
 * 3166); domainComponent and emailAddress IA5String; every other attribute UTF8String (RFC 5280
 * 4.1.2.6 "MUST use UTF8String" for new certificates; RGS holder DN).
 */
final class SubjectStringEncodingRule implements LintRule {

    @Override
    public String name() {
        return "subject-string-encodings";
    }

    @Override
    public String citation() {
        return "RFC 5280 sections 4.1.2.6 and A.1; X.520; docs/certificate-profiles.md (holder subject)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        List<LintFinding> findings = new ArrayList<>(0);
        for (RDN rdn : target.certificate().getSubject().getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                String problem = problem(attribute.getType(), attribute.getValue());
                if (problem != null) {
                    findings.add(new LintFinding(name(), problem));
                }
            }
        }
        return findings;
    }

    private static String problem(ASN1ObjectIdentifier type, ASN1Encodable value) {
        String label = label(type);
        if (BCStyle.C.equals(type)) {
            if (!(value instanceof ASN1PrintableString printable)) {
                return label + " must be a PrintableString";
            }
            return printable.getString().matches("[A-Z]{2}") ? null : label + " must be two upper-case letters";
        }
        if (BCStyle.SERIALNUMBER.equals(type)) {
            return value instanceof ASN1PrintableString ? null : label + " must be a PrintableString";
        }
        if (BCStyle.DC.equals(type) || BCStyle.EmailAddress.equals(type)) {
            return value instanceof ASN1IA5String ? null : label + " must be an IA5String";
        }
        return value instanceof ASN1UTF8String ? null : label + " must be a UTF8String";
    }

    static String label(ASN1ObjectIdentifier type) {
        String label = BCStyle.INSTANCE.oidToDisplayName(type);
        return label == null ? type.getId() : label;
    }
}
