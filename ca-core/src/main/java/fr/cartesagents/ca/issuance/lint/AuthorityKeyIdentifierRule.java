package fr.cartesagents.ca.issuance.lint;

import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/** authorityKeyIdentifier holds the issuer's subject key identifier (keyIdentifier only), non-critical. */
final class AuthorityKeyIdentifierRule implements LintRule {

    @Override
    public String name() {
        return "authority-key-identifier";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2.1.1";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(Extension.authorityKeyIdentifier);
        if (extension == null) {
            return finding("authorityKeyIdentifier is missing");
        }
        if (extension.isCritical()) {
            return finding("authorityKeyIdentifier must not be critical");
        }
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(extension.getParsedValue());
        if (aki.getAuthorityCertIssuer() != null || aki.getAuthorityCertSerialNumber() != null) {
            return finding("authorityKeyIdentifier carries issuer name and serial; only keyIdentifier is used");
        }
        return Arrays.equals(aki.getKeyIdentifierOctets(), target.issuer().keyIdentifier())
                ? List.of()
                : finding("authorityKeyIdentifier is not the issuer's subject key identifier");
    }
}
