package fr.cartesagents.bridge.localapi;

import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.personalization.PairIssuer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityConnection;

/**
 * Where the bridge gets certificates for a card it personalizes: the registration authority the
 * operator configured when starting the bridge (never one a web page names), and the PKI's CA
 * chain, which also goes into CMS signatures.
 */
public interface CertificateIssuers {

    /** The registration authority, reached with the operator's own certificate, for the personalization of an order. */
    PairIssuer registrationAuthority();

    /** The CA certificates, issuing CA first. */
    List<X509CertificateHolder> caChain();

    /** The registration authority of {@code connection}; its CA chain is read now, so that a bad file stops the start. */
    static CertificateIssuers of(RegistrationAuthorityConnection connection) {
        List<X509CertificateHolder> chain = connection.caChain();
        return new CertificateIssuers() {
            @Override
            public PairIssuer registrationAuthority() {
                return connection.client();
            }

            @Override
            public List<X509CertificateHolder> caChain() {
                return chain;
            }
        };
    }
}
