package fr.cartesagents.ca.ceremony;

import java.time.Period;

import org.bouncycastle.asn1.x500.X500Name;

import fr.cartesagents.ca.token.KeySpec;
import picocli.CommandLine.Option;

/** The key a create-* command generates and the name and lifetime of the certificate it gets. */
public final class NewKeyOptions {

    @Option(names = "--key-alias", paramLabel = "ALIAS", required = true,
            description = "Alias of the new key in its token (a ceremony never reuses an alias).")
    String keyAlias;

    @Option(names = "--key-type", paramLabel = "TYPE", required = true,
            description = "Key type: ${COMPLETION-CANDIDATES} (a root: RSA_4096 or EC_P384).")
    KeySpec keyType;

    @Option(names = "--subject", paramLabel = "DN", required = true,
            description = "Name of the certificate, written in this order, e.g. \"C=FR,O=Example,CN=AC Racine Example\".")
    X500Name subject;

    @Option(names = "--validity", paramLabel = "PERIOD",
            description = "Validity, ISO 8601 (default: the policy's: P12Y root, P6Y issuing CA, P1Y OCSP signer); "
                    + "capped by the issuer's own end of validity.")
    Period validity;

    /** The requested validity, or the policy's {@code standard} one for this kind of certificate. */
    Period validityOr(Period standard) {
        return validity != null ? validity : standard;
    }
}
