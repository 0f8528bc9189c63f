package fr.cartesagents.ca.issuance.lint;

import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

import fr.cartesagents.ca.profile.KeyUsageBit;
import fr.cartesagents.ca.publickey.SubjectKeyTypes;
import fr.cartesagents.ca.publickey.UnacceptableKeyException;

/** keyUsage holds exactly the profile's bits for this key type, with the profile's criticality. */
final class KeyUsageMatchesProfileRule implements LintRule {

    @Override
    public String name() {
        return "key-usage-matches-profile";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2.1.3; RFC 8813 section 3 (no encipherment for EC keys); docs/certificate-profiles.md";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(Extension.keyUsage);
        if (extension == null) {
            return finding("keyUsage is missing");
        }
        Set<KeyUsageBit> expected;
        try {
            expected = target.profile().keyUsageFor(
                    SubjectKeyTypes.of(target.certificate().getSubjectPublicKeyInfo()));
        } catch (UnacceptableKeyException e) {
            expected = target.profile().keyUsage();
        }
        KeyUsage keyUsage = KeyUsage.getInstance(extension.getParsedValue());
        if (!keyUsage.equals(KeyUsageBit.toKeyUsage(expected))) {
            return finding("keyUsage " + KeyUsageBit.fromKeyUsage(keyUsage) + " differs from the profile's " + expected);
        }
        if (extension.isCritical() != target.profile().keyUsageCritical()) {
            return finding("keyUsage criticality differs from the profile");
        }
        return List.of();
    }
}
