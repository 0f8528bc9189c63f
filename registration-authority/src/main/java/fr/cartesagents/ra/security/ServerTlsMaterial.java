package fr.cartesagents.ra.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTPS listener needs: its own key and certificate chain, and the CA certificates a
 * client certificate must chain to. The key's {@code toString} is not ours to control, so this
 * record overrides its own.
 */
public record ServerTlsMaterial(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCertificateIssuers) {

    public ServerTlsMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        clientCertificateIssuers = List.copyOf(clientCertificateIssuers);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("The TLS certificate chain is empty");
        }
    }

    @Override
    public String toString() {
        return "ServerTlsMaterial[" + chain.get(0).getSubjectX500Principal() + "]";
    }
}
