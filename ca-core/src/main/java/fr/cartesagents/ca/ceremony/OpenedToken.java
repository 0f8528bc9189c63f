package fr.cartesagents.ca.ceremony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.function.Function;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs12CryptoToken;

/**
 * A token opened by a command, and whether the command created it: a PKCS#12 file created for a key
 * that could then not be certified is deleted again, so that a failed step leaves nothing behind.
 */
final class OpenedToken implements AutoCloseable {

    private final CryptoToken token;
    private final Path createdFile;

    OpenedToken(CryptoToken token, Path createdFile) {
        this.token = token;
        this.createdFile = createdFile;
    }

    CryptoToken token() {
        return token;
    }

    /** @throws CeremonyException when the alias is taken: a ceremony never reuses or replaces a key */
    void requireFreeAlias(String alias) {
        if (token.publicKey(alias).isPresent()) {
            throw new CeremonyException("the key alias '" + alias + "' is already used in " + token.description()
                    + ": choose another alias (a ceremony never replaces a key)");
        }
    }

    /** @throws CeremonyException unless the token's key {@code alias} is the key {@code certificate} certifies */
    void requireKeyOf(String alias, X509CertificateHolder certificate, String certificateFile) {
        PublicKey key = token.publicKey(alias).orElseThrow(() -> new CeremonyException(
                "no key '" + alias + "' in " + token.description() + ": check the key alias"));
        byte[] certified;
        try {
            certified = certificate.getSubjectPublicKeyInfo().getEncoded();
        } catch (IOException e) {
            throw new CeremonyException("unreadable public key in " + certificateFile, e);
        }
        if (!Arrays.equals(key.getEncoded(), certified)) {
            throw new CeremonyException("the key '" + alias + "' in " + token.description() + " is not the key of "
                    + certificateFile + " (" + certificate.getSubject() + "): wrong token, alias or certificate");
        }
    }

    /** Keeps the certificate next to its key, so that the token alone tells what the key is for. */
    void storeChain(String alias, X509CertificateHolder... chain) {
        if (token instanceof Pkcs12CryptoToken pkcs12) {
            pkcs12.storeCertificateChain(alias, chain);
        } else if (token instanceof Pkcs11CryptoToken pkcs11) {
            pkcs11.storeCertificate(alias, chain[0]);
        }
    }

    /**
     * The step every key-creating command shares: {@code ceremony} generates key {@code alias} in this
     * token and has it certified; the certificate is then kept next to the key (with the chain of its
     * issuer) and written to {@code output}. If any of it fails, a PKCS#12 file this command created
     * is deleted, so that a failed step leaves nothing behind.
     */
    X509CertificateHolder certifyNewKey(String alias, CertificateOutputOptions output,
                                        Function<CryptoToken, X509CertificateHolder> ceremony,
                                        X509CertificateHolder... issuerChain) {
        try {
            requireFreeAlias(alias);
            X509CertificateHolder certificate = ceremony.apply(token);
            X509CertificateHolder[] chain = new X509CertificateHolder[issuerChain.length + 1];
            chain[0] = certificate;
            System.arraycopy(issuerChain, 0, chain, 1, issuerChain.length);
            storeChain(alias, chain);
            output.write(certificate);
            return certificate;
        } catch (RuntimeException e) {
            discardIfCreated();
            throw e;
        }
    }

    /** Deletes the PKCS#12 file if this command created it; called when the step failed. */
    void discardIfCreated() {
        if (createdFile != null) {
            token.close();
            try {
                Files.deleteIfExists(createdFile);
            } catch (IOException e) {
                // The failure that led here is what the operator must see; the file is named in the ceremony log.
            }
        }
    }

    @Override
    public void close() {
        token.close();
    }
}
