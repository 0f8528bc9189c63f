package fr.cartesagents.ca.issuance.lint;

import java.util.List;

import org.bouncycastle.asn1.x509.Extension;

/**
 * keyUsage is critical in every certificate, whatever the profile says: RFC 5280 only recommends it,
 * the RGS profiles and the CA key usages (keyCertSign) require it.
 */
final class KeyUsageCriticalRule implements LintRule {

    @Override
    public String name() {
        return "key-usage-critical";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.2.1.3 (SHOULD be critical); RGS v2 profiles (critical)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(Extension.keyUsage);
        return extension != null && !extension.isCritical() ? finding("keyUsage must be critical") : List.of();
    }
}
