package fr.cartesagents.ca.issuance.lint;

import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import fr.cartesagents.ca.profile.ProfileKind;

/**
 * A TLS server certificate names its hosts in subjectAltName, dNSName and iPAddress only (clients
 * ignore the CN, RFC 6125); no other profile carries a subjectAltName.
 */
final class SubjectAltNameRule implements LintRule {

    @Override
    public String name() {
        return "subject-alt-name";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2.1.6; RFC 6125 section 6.4.4";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(Extension.subjectAlternativeName);
        if (target.profile().kind() != ProfileKind.TLS_SERVER) {
            return extension == null ? List.of() : finding("profile " + target.profile().name() + " carries no subjectAltName");
        }
        if (extension == null) {
            return finding("a TLS server certificate needs a subjectAltName");
        }
        if (extension.isCritical()) {
            return finding("subjectAltName must not be critical when the subject DN is not empty");
        }
        GeneralName[] names = GeneralNames.getInstance(extension.getParsedValue()).getNames();
        if (names.length == 0) {
            return finding("subjectAltName is empty");
        }
        for (GeneralName name : names) {
            if (name.getTagNo() != GeneralName.dNSName && name.getTagNo() != GeneralName.iPAddress) {
                return finding("subjectAltName may hold only DNS names and IP addresses");
            }
        }
        return List.of();
    }
}
