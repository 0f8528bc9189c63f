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

/** Generates the delegated OCSP responder's key and has the issuing CA sign its certificate. */
@Command(name = "create-ocsp-signer", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, versionProvider = KeyCeremonyCli.Version.class,
        description = {"Generate the delegated OCSP responder key in a token and sign its certificate with the issuing CA",
                "(extended key usage OCSPSigning, id-pkix-ocsp-nocheck)."})
final class CreateOcspSignerCommand implements Callable<Integer> {

    @Mixin
    CaSignerOptions ca;

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
        Period lifetime = newKey.validityOr(settings.ocspSignerValidity());
        SigningCa.Plan caPlan = ca.plan(spec);
        TokenLocation location = token.location(spec);
        location.checkBeforeSecrets(true);

        try (SigningCa issuing = caPlan.open(spec); OpenedToken target = location.open(spec, true)) {
            X509CertificateHolder responder = target.certifyNewKey(newKey.keyAlias, output,
                    key -> KeyCeremony.createOcspSigner(issuing.signer(), key, newKey.keyAlias, newKey.keyType,
                            newKey.subject, lifetime, settings),
                    issuing.certificate());
            PrintWriter out = spec.commandLine().getOut();
            CertificateReport.print(out, "OCSP signer created (key '" + newKey.keyAlias + "' in " + target.token().description()
                    + ")", responder);
            out.println("  written:     " + output.describe());
        }
        return 0;
    }
}
