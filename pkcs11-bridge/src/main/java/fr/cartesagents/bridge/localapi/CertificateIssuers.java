package fr.cartesagents.bridge.localapi;

import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.personalization.PairIssuer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityConnection;
import fr.cartesagents.bridge.personalization.TransportUnblockSecret;

/**
 * Where the bridge gets certificates for a card it personalizes: the registration authority the
 * operator configured when starting the bridge (never one a web page names), and the PKI's CA
 * chain, which also goes into CMS signatures; with them, the transport unblock secret of the card
 * batch, which the personalization replaces.
 */
public interface CertificateIssuers {

    /** The registration authority, reached with the operator's own certificate, for the personalization of an order. */
    PairIssuer registrationAuthority();

    /** The CA certificates, issuing CA first. */
    List<X509CertificateHolder> caChain();

    /**
     * The card batch's transport unblock secret, which the personalization replaces with the card's own
     * PUK from the registration authority (configured with it: never sent by a page).
     */
    TransportUnblockSecret transportUnblockSecret();

    /** The registration authority of {@code connection}; its CA chain is read now, so that a bad file stops the start. */
    static CertificateIssuers of(RegistrationAuthorityConnection connection, TransportUnblockSecret transport) {
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

            @Override
            public TransportUnblockSecret transportUnblockSecret() {
                return transport;
            }
        };
    }
}
