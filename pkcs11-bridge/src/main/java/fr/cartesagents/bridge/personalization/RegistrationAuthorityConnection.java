package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** The first line of {@code file} without surrounding blanks, decoded straight into characters (no String of the password). */
    private static char[] firstLine(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IssuanceException("Cannot read the password file " + file + ": " + e.getMessage(), e);
        }
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        try {
            int end = 0;
            while (end < decoded.limit() && decoded.get(end) != '\n' && decoded.get(end) != '\r') {
                end++;
            }
            int start = 0;
            while (start < end && Character.isWhitespace(decoded.get(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(decoded.get(end - 1))) {
                end--;
            }
            return Arrays.copyOfRange(decoded.array(), decoded.arrayOffset() + start, decoded.arrayOffset() + end);
        } finally {
            Arrays.fill(decoded.array(), '\0');
        }
    }
}
