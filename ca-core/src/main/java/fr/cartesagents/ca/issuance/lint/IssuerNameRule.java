package fr.cartesagents.ca.issuance.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;

/** The issuer field is the issuer's subject byte for byte, so that path building never depends on name matching rules. */
final class IssuerNameRule implements LintRule {

    @Override
    public String name() {
        return "issuer-name-matches-issuer";
    }

    @Override
    public String citation() {
        return "RFC 5280 sections 4.1.2.4 and 7.1";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        return Arrays.equals(der(target.certificate().getIssuer()), der(target.issuer().name()))
                ? List.of()
                : finding("issuer name is not encoded exactly as the issuer's subject");
    }

    private static byte[] der(X500Name name) {
        try {
            return name.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
