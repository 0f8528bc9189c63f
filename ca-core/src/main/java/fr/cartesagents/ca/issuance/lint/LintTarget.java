package fr.cartesagents.ca.issuance.lint;

import java.util.Objects;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.profile.CertificateProfile;

/**
 * A certificate about to be issued (signed by a throwaway key or carrying a placeholder signature),
 * the profile it claims to follow, and its issuer.
 */
public record LintTarget(X509CertificateHolder certificate, CertificateProfile profile, IssuerFacts issuer) {

    public LintTarget {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(issuer, "issuer");
    }
}
