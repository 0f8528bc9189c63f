package fr.cartesagents.ca.ceremony;

import java.io.PrintWriter;
import java.time.Period;
import java.util.concurrent.Callable;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.hierarchy.KeyCeremony;
import fr.cartesagents.ca.issuance.DistinguishedName;
import fr.cartesagents.ca.profile.PkiSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Generates the root key in its token and self-signs the root certificate. */
@Command(name = "create-root", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, versionProvider = KeyCeremonyCli.Version.class,
        description = "Generate the offline root key in a token and self-sign the root certificate.")
final class CreateRootCommand implements Callable<Integer> {

    @Mixin
    TokenOptions token;

    @Mixin
    NewKeyOptions newKey;

    @Mixin
    PolicyOptions policy;

    @Mixin
    CertificateOutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new DistinguishedName(newKey.subject).toX500Name();
        CeremonyFiles.refuseExisting(output.pem, output.der);
        PkiSettings settings = policy.settings();
        Period lifetime = newKey.validityOr(settings.rootCaValidity());
        TokenLocation location = token.location(spec);
        location.checkBeforeSecrets(true);

        try (OpenedToken target = location.open(spec, true)) {
            X509CertificateHolder root = target.certifyNewKey(newKey.keyAlias, output,
                    key -> KeyCeremony.createRoot(key, newKey.keyAlias, newKey.keyType, newKey.subject, lifetime, settings));
            PrintWriter out = spec.commandLine().getOut();
            CertificateReport.print(out, "Root CA created (key '" + newKey.keyAlias + "' in " + target.token().description()
                    + ")", root);
            out.println("  written:     " + output.describe());
        }
        return 0;
    }
}
