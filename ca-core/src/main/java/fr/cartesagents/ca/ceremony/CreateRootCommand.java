package fr.cartesagents.ca.ceremony;

import java.io.PrintWriter;
import java.time.Period;
import java.util.concurrent.Callable;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.hierarchy.KeyCeremony;
import fr.cartesagents.ca.issuance.DistinguishedName;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.token.KeySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates the root key in its token and self-signs the root certificate. */
@Command(name = "create-root", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, versionProvider = KeyCeremonyCli.Version.class,
        description = "Generate the offline root key in a token and self-sign the root certificate.")
final class CreateRootCommand implements Callable<Integer> {

    @Mixin
    TokenOptions token;

    @Option(names = "--key-alias", paramLabel = "ALIAS", required = true, description = "Alias of the new root key in the token.")
    String keyAlias;

    @Option(names = "--key-type", paramLabel = "TYPE", required = true,
            description = "Key type: ${COMPLETION-CANDIDATES} (RSA_4096 or EC_P384 for a root).")
    KeySpec keyType;

    @Option(names = "--subject", paramLabel = "DN", required = true,
            description = "Root name, e.g. \"C=FR,O=Example,CN=AC Racine Example\" (written in this order).")
    X500Name subject;

    @Option(names = "--validity", paramLabel = "PERIOD", description = "Validity, ISO 8601 (default: P12Y).")
    Period validity;

    @Mixin
    PolicyOptions policy;

    @Mixin
    CertificateOutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new DistinguishedName(subject).toX500Name();
        CeremonyFiles.refuseExisting(output.pem, output.der);
        PkiSettings settings = policy.settings();
        Period lifetime = validity != null ? validity : settings.rootCaValidity();

        try (OpenedToken target = token.location(spec).open(spec, true)) {
            X509CertificateHolder root = target.certifyNewKey(keyAlias, output,
                    key -> KeyCeremony.createRoot(key, keyAlias, keyType, subject, lifetime, settings));
            PrintWriter out = spec.commandLine().getOut();
            CertificateReport.print(out, "Root CA created (key '" + keyAlias + "' in " + target.token().description() + ")", root);
            out.println("  written:     " + output.describe());
        }
        return 0;
    }
}
