package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.HolderSubject;

/**
 * How to reach the registration authority as an operator: its API, the operator's PKCS#12 and the
 * file holding its password, and the PKI's CA chain. The password is read from its file each time
 * an issuer is made and wiped right after, so that a long-running bridge keeps no password in memory.
 */
public record RegistrationAuthorityConnection(URI apiBase, Path clientKey, Path clientSecretFile, Path caChainPem) {

    public RegistrationAuthorityConnection {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(clientSecretFile, "clientSecretFile");
        Objects.requireNonNull(caChainPem, "caChainPem");
    }

    /** An issuer for the card of {@code holder}. */
    public RegistrationAuthorityIssuer issuerFor(HolderSubject holder) {
        char[] secret = firstLine(clientSecretFile);
        try {
            return RegistrationAuthorityIssuer.connect(apiBase, clientKey, secret, caChainPem, holder);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** A client of the operator API with the operator's certificate; the password is read now and wiped. */
    public RegistrationAuthorityClient client() {
        char[] secret = clientSecret();
        try {
            return RegistrationAuthorityClient.connect(apiBase, clientKey, secret, caChain());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** The password of the operator's PKCS#12, read now from its file; the caller wipes it after use. */
    public char[] clientSecret() {
        return firstLine(clientSecretFile);
    }

    /** The PKI's CA certificates, as given. */
    public List<X509CertificateHolder> caChain() {
        try {
            return PemFiles.readCertificates(caChainPem);
        } catch (IOException e) {
            throw new IssuanceException("Cannot read the CA chain " + caChainPem + ": " + e.getMessage(), e);
        }
    }

    private static char[] firstLine(Path file) {
        try {
            return SecretFiles.firstLine(file);
        } catch (IOException e) {
            throw new IssuanceException("Cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }
}
