package fr.cartesagents.ra.security;

/** How the caller's identity was established: the values of {@link Actor#origin()}. */
public final class AuthenticationOrigin {

    /** The TLS client certificate of the user's card, on this connection. */
    public static final String CLIENT_CERTIFICATE = "client-certificate";
    /** A client certificate listed as an administrator's. */
    public static final String ADMINISTRATOR_CERTIFICATE = "administrator-certificate";
    /** The user's certificate forwarded in {@code X-Client-Certificate} by a trusted front, checked again here. */
    public static final String TRUSTED_FRONT = "trusted-front";
    /**
     * A card certificate revoked as superseded, let in for the one request the feature that superseded it
     * still allows ({@link SupersededCertificateUse}): never an administrator, never anything else.
     */
    public static final String SUPERSEDED_CERTIFICATE = "superseded-certificate";
    /** The demo login, when the demo is on ({@link DemoEnabled}). */
    public static final String DEMO = "demo";

    private AuthenticationOrigin() {
    }
}
