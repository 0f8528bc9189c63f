package fr.cartesagents.ca.issuance.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import fr.cartesagents.ca.profile.KeyUsageBit;
import fr.cartesagents.ca.profile.ProfileKind;

/**
 * RGS *** separates the two certificates of a card, whatever a profile is configured to say:
 * authentication = digitalSignature alone with clientAuth; signature = nonRepudiation alone, no EKU.
 */
final class RgsHolderUsageRule implements LintRule {

    @Override
    public String name() {
        return "rgs-holder-usages";
    }

    @Override
    public String citation() {
        return "RGS v2 annex A4 (usages of authentication and signature certificates); DESIGN.md domain facts";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        ProfileKind kind = target.profile().kind();
        if (!kind.isHolder()) {
            return List.of();
        }
        Extension ku = target.certificate().getExtension(Extension.keyUsage);
        Set<KeyUsageBit> bits = ku == null ? Set.of() : KeyUsageBit.fromKeyUsage(KeyUsage.getInstance(ku.getParsedValue()));
        Extension eku = target.certificate().getExtension(Extension.extendedKeyUsage);
        List<LintFinding> findings = new ArrayList<>(0);
        if (kind == ProfileKind.AUTHENTICATION) {
            if (!bits.equals(Set.of(KeyUsageBit.DIGITAL_SIGNATURE))) {
                findings.add(new LintFinding(name(), "an authentication certificate has keyUsage digitalSignature only"));
            }
            if (eku == null || !ExtendedKeyUsage.getInstance(eku.getParsedValue()).hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth)) {
                findings.add(new LintFinding(name(), "an authentication certificate needs extKeyUsage clientAuth"));
            }
        } else {
            if (!bits.equals(Set.of(KeyUsageBit.NON_REPUDIATION))) {
                findings.add(new LintFinding(name(), "a signature certificate has keyUsage nonRepudiation only"));
            }
            if (eku != null) {
                findings.add(new LintFinding(name(), "a signature certificate has no extKeyUsage"));
            }
        }
        return findings;
    }
}
