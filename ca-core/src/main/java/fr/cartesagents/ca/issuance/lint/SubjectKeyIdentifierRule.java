package fr.cartesagents.ca.issuance.lint;

import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

import fr.cartesagents.ca.publickey.KeyIdentifiers;

/** subjectKeyIdentifier is present, non-critical, and derived from the certified key (RFC 7093 method 1). */
final class SubjectKeyIdentifierRule implements LintRule {

    @Override
    public String name() {
        return "subject-key-identifier";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2.1.2; RFC 7093 section 2 method 1";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(Extension.subjectKeyIdentifier);
        if (extension == null) {
            return finding("subjectKeyIdentifier is missing");
        }
        if (extension.isCritical()) {
            return finding("subjectKeyIdentifier must not be critical");
        }
        byte[] expected = KeyIdentifiers.subjectKeyIdentifier(target.certificate().getSubjectPublicKeyInfo());
        byte[] actual = SubjectKeyIdentifier.getInstance(extension.getParsedValue()).getKeyIdentifier();
        return Arrays.equals(expected, actual) ? List.of() : finding("subjectKeyIdentifier does not match the subject key");
    }
}
