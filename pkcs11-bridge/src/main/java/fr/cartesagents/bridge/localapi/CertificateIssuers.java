package fr.cartesagents.bridge.localapi;

import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.personalization.CertificateIssuer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityConnection;
import fr.cartesagents.ca.issuance.HolderSubject;

/**
 * Where the bridge gets certificates for a card it personalizes: the registration authority the
 * operator configured when starting the bridge (never one a web page names), and the PKI's CA
 * chain, which also goes into CMS signatures.
 */
public interface CertificateIssuers {

    /** An issuer for the card of {@code holder}. */
    CertificateIssuer forHolder(HolderSubject holder);

    /** The CA certificates, issuing CA first. */
    List<X509CertificateHolder> caChain();

    /** The registration authority of {@code connection}; its CA chain is read now, so that a bad file stops the start. */
    static CertificateIssuers of(RegistrationAuthorityConnection connection) {
        List<X509CertificateHolder> chain = connection.caChain();
        return new CertificateIssuers() {
            @Override
            public CertificateIssuer forHolder(HolderSubject holder) {
                return connection.issuerFor(holder);
            }

            @Override
            public List<X509CertificateHolder> caChain() {
                return chain;
            }
        };
    }
}
