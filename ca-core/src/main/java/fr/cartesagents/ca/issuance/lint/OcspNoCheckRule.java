package fr.cartesagents.ca.issuance.lint;

import java.util.List;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;

/** id-pkix-ocsp-nocheck (value NULL, non-critical) exactly when the profile is an OCSP signer's. */
final class OcspNoCheckRule implements LintRule {

    @Override
    public String name() {
        return "ocsp-no-check";
    }

    @Override
    public String citation() {
        return "RFC 6960 section 4.2.2.2.1";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        Extension extension = target.certificate().getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
        if (!target.profile().ocspNoCheck()) {
            return extension == null ? List.of() : finding("id-pkix-ocsp-nocheck present outside an OCSP signer profile");
        }
        if (extension == null) {
            return finding("id-pkix-ocsp-nocheck is missing");
        }
        if (extension.isCritical() || !DERNull.INSTANCE.equals(extension.getParsedValue())) {
            return finding("id-pkix-ocsp-nocheck must be a non-critical NULL");
        }
        return List.of();
    }
}
