package fr.cartesagents.ca.issuance;

import java.util.Locale;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A card holder, named as RGS names local-authority actors: {@code C=FR, O=<collectivity>,
 * OU=0002 <SIREN>, CN=<given name> <SURNAME>, serialNumber=<holder id>}. C and serialNumber are
 * PrintableString, the others UTF8String. The values are checked when the DN is built, so that a bad
 * value is an {@code INVALID_SUBJECT} refusal naming the field.
 *
 * @param holderId unique holder identifier that keeps DNs of homonyms distinct (PrintableString characters)
 */
public record HolderSubject(String givenName, String surname, String organization, Siren siren, String holderId)
        implements Subject {

    /** ISO 6523 ICD 0002: the organisation identifier that follows is a SIREN. */
    static final String SIREN_ICD = "0002 ";

    public HolderSubject {
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(siren, "siren");
        Objects.requireNonNull(holderId, "holderId");
    }

    /** {@code <given name> <SURNAME>}: the surname upper-cased, accents kept, as on the identity document. */
    public String commonName() {
        return givenName.strip() + " " + surname.strip().toUpperCase(Locale.ROOT);
    }

    @Override
    public X500Name toX500Name() {
        SubjectRules.checked("givenName", givenName, 64);
        SubjectRules.checked("surname", surname, 64);
        String cn = SubjectRules.checked("commonName (givenName SURNAME)", commonName(), SubjectRules.upperBound(BCStyle.CN));
        String o = SubjectRules.checked("organization", organization, SubjectRules.upperBound(BCStyle.O));
        String serialNumber = SubjectRules.checked("holderId", holderId, SubjectRules.upperBound(BCStyle.SERIALNUMBER));
        if (!SubjectRules.isPrintableString(serialNumber)) {
            throw SubjectRules.invalid("holderId may hold only letters, digits, spaces and '()+,-./:=?");
        }
        return new X500Name(new RDN[] {
                rdn(BCStyle.C, new DERPrintableString("FR")),
                rdn(BCStyle.O, new DERUTF8String(o)),
                rdn(BCStyle.OU, new DERUTF8String(SIREN_ICD + siren.value())),
                rdn(BCStyle.CN, new DERUTF8String(cn)),
                rdn(BCStyle.SERIALNUMBER, new DERPrintableString(serialNumber))});
    }

    private static RDN rdn(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new RDN(new AttributeTypeAndValue(type, value));
    }
}
