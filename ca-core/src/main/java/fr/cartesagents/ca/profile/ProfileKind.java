package fr.cartesagents.ca.profile;

/** What a certificate is for; decides the shape a profile of that kind may take. */
public enum ProfileKind {
    ROOT_CA,
    ISSUING_CA,
    OCSP_SIGNER,
    AUTHENTICATION,
    SIGNATURE,
    TLS_SERVER,
    /** Service client certificates (administrator, front end) for mutual TLS on the API. */
    TLS_CLIENT;

    /** A certificate authority: basicConstraints cA=TRUE, may sign certificates and CRLs. */
    public boolean isCa() {
        return this == ROOT_CA || this == ISSUING_CA;
    }

    /** A card holder certificate, whose subject is the RGS holder DN. */
    public boolean isHolder() {
        return this == AUTHENTICATION || this == SIGNATURE;
    }
}
