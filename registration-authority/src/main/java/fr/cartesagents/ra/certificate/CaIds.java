package fr.cartesagents.ra.certificate;

/** The ids under which the PKI repository publishes each CA ({@code /pki/ca/{id}.crt}, {@code /pki/crl/{id}.crl}). */
public final class CaIds {

    /** The offline root. */
    public static final String ROOT = "root";
    /** The issuing CA "Acteurs des Collectivités Territoriales", which signs holder certificates. */
    public static final String ISSUING = "act";
    /** The delegated OCSP responder of the issuing CA. */
    public static final String OCSP = "ocsp";

    private CaIds() {
    }
}
