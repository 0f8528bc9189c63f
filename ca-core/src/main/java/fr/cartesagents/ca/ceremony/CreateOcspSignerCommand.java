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

/** Generates the delegated OCSP responder's key and has the issuing CA sign its certificate. */
@Command(name = "create-ocsp-signer", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, versionProvider = KeyCeremonyCli.Version.class,
        description = {"Generate the delegated OCSP responder key in a token and sign its certificate with the issuing CA",
                "(extended key usage OCSPSigning, id-pkix-ocsp-nocheck)."})
final class CreateOcspSignerCommand implements Callable<Integer> {

    @Mixin
    CaSignerOptions ca;

    @Mixin
    TokenOptions token;

    @Option(names = "--key-alias", paramLabel = "ALIAS", required = true, description = "Alias of the new OCSP key in the token.")
    String keyAlias;

    @Option(names = "--key-type", paramLabel = "TYPE", required = true, description = "Key type: ${COMPLETION-CANDIDATES}.")
    KeySpec keyType;

    @Option(names = "--subject", paramLabel = "DN", required = true,
            description = "Responder name, e.g. \"C=FR,O=Example,CN=Répondeur OCSP AC Example\".")
    X500Name subject;

    @Option(names = "--validity", paramLabel = "PERIOD", description = "Validity, ISO 8601 (default: P1Y).")
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
        Period lifetime = validity != null ? validity : settings.ocspSignerValidity();

        try (SigningCa issuing = ca.open(spec); OpenedToken target = token.location(spec).open(spec, true)) {
            X509CertificateHolder responder = target.certifyNewKey(keyAlias, output,
                    key -> KeyCeremony.createOcspSigner(issuing.signer(), key, keyAlias, keyType, subject, lifetime,
                            settings),
                    issuing.certificate());
            PrintWriter out = spec.commandLine().getOut();
            CertificateReport.print(out, "OCSP signer created (key '" + keyAlias + "' in " + target.token().description()
                    + ")", responder);
            out.println("  written:     " + output.describe());
        }
        return 0;
    }
}
