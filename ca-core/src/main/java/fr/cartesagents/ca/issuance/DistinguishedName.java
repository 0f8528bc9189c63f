package fr.cartesagents.ca.issuance;

import java.util.Objects;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A subject given as a complete DN (CA, OCSP signer and service certificates). Build it with
 * {@code new X500Name("CN=…,O=…,C=FR")}: BouncyCastle's default style already encodes C and
 * serialNumber as PrintableString and the rest as UTF8String, which the lint checks.
 */
public record DistinguishedName(X500Name name) implements Subject {

    public DistinguishedName {
        Objects.requireNonNull(name, "name");
    }

    public static DistinguishedName parse(String rfc4514) {
        return new DistinguishedName(new X500Name(rfc4514));
    }

    @Override
    public X500Name toX500Name() {
        RDN[] rdns = name.getRDNs();
        if (rdns.length == 0) {
            throw SubjectRules.invalid("the distinguished name is empty");
        }
        for (RDN rdn : rdns) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                String label = BCStyle.INSTANCE.oidToDisplayName(attribute.getType());
                label = label == null ? attribute.getType().getId() : label;
                if (!(attribute.getValue() instanceof ASN1String text)) {
                    throw SubjectRules.invalid(label + " is not a character string");
                }
                SubjectRules.checked(label, text.getString(), SubjectRules.upperBound(attribute.getType()));
            }
        }
        return name;
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
