package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.authority.CaSigner;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A CA ready to sign: its certificate, and its token opened and checked to hold the very key the
 * certificate certifies (a wrong alias or token would otherwise sign in another CA's name).
 */
final class SigningCa implements AutoCloseable {

    private final OpenedToken token;
    private final CaSigner signer;

    private SigningCa(OpenedToken token, CaSigner signer) {
        this.token = token;
        this.signer = signer;
    }

    /**
     * Everything about the signing CA that needs no secret, checked: its token's options, its
     * certificate file, its PKCS#11 module. A command plans all of it before it asks for any secret,
     * so that a typing error is reported before the secret holders have typed.
     */
    static Plan plan(TokenLocation location, Path certificateFile, String certificateOption, String keyAlias) {
        X509CertificateHolder certificate = CeremonyFiles.readCertificate(certificateFile, certificateOption);
        location.checkBeforeSecrets(false);
        return new Plan(location, certificate, certificateFile, keyAlias);
    }

    /** A signing CA whose non-secret options are checked; {@link #open} asks for the secret. */
    record Plan(TokenLocation location, X509CertificateHolder certificate, Path certificateFile, String keyAlias) {

        SigningCa open(CommandSpec spec) {
            OpenedToken token = location.open(spec, false);
            try {
                token.requireKeyOf(keyAlias, certificate, certificateFile.toString());
                return new SigningCa(token, new CaSigner(certificate, token.token(), keyAlias));
            } catch (RuntimeException e) {
                token.close();
                throw e;
            }
        }
    }

    CaSigner signer() {
        return signer;
    }

    X509CertificateHolder certificate() {
        return signer.certificate();
    }

    @Override
    public void close() {
        token.close();
    }
}
