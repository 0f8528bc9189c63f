package fr.cartesagents.ca.issuance.lint;

import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Upper bounds of DN attribute values, RFC 5280 appendix A.1 (ub-*), counted in characters. */
public final class AttributeUpperBounds {

    private static final Map<ASN1ObjectIdentifier, Integer> BOUNDS = Map.ofEntries(
            Map.entry(BCStyle.CN, 64),
            Map.entry(BCStyle.O, 64),
            Map.entry(BCStyle.OU, 64),
            Map.entry(BCStyle.SERIALNUMBER, 64),
            Map.entry(BCStyle.C, 2),
            Map.entry(BCStyle.L, 128),
            Map.entry(BCStyle.ST, 128),
            Map.entry(BCStyle.T, 64),
            Map.entry(BCStyle.GIVENNAME, 64),
            Map.entry(BCStyle.SURNAME, 64),
            Map.entry(BCStyle.ORGANIZATION_IDENTIFIER, 64),
            Map.entry(BCStyle.EmailAddress, 255),
            Map.entry(BCStyle.DC, 63));

    /** Attributes without a specific bound get ub-name. */
    private static final int UB_NAME = 128;

    private AttributeUpperBounds() {
    }

    public static int of(ASN1ObjectIdentifier attributeType) {
        return BOUNDS.getOrDefault(attributeType, UB_NAME);
    }
}
