package fr.cartesagents.ca.issuance;

/** What the pre-issuance lint looks at before the CA key signs. */
public enum LintSigning {
    /**
     * The to-be-signed certificate is encoded, signed with a throwaway key held in memory, and parsed
     * back (by BouncyCastle and by the JDK) before the rules run: the lint sees a complete DER
     * certificate, as Boulder lints a precertificate signed by a throwaway key.
     */
    THROWAWAY_KEY,
    /**
     * The rules run on the TBSCertificate structure wrapped with an empty signature: no extra signature
     * and no re-parsing, the cheapest check.
     */
    PLACEHOLDER_SIGNATURE
}
