package fr.cartesagents.ca.issuance;

import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Who a certificate is issued to, as the registration authority vouches for it. The CA takes the
 * subject from here, never from the PKCS#10 request.
 */
public sealed interface Subject permits HolderSubject, DistinguishedName, ServerSubject {

    /**
     * The subject DN with the encodings the profiles require.
     *
     * @throws IssuanceRefusedException {@code INVALID_SUBJECT} naming the attribute at fault
     */
    X500Name toX500Name();

    /** Names for the subjectAltName extension; empty when the certificate has none. */
    default List<GeneralName> subjectAlternativeNames() {
        return List.of();
    }
}
