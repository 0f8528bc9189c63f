package fr.cartesagents.ca.ceremony;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.hierarchy.KeyCeremony;
import fr.cartesagents.ca.issuance.DistinguishedName;
import fr.cartesagents.ca.profile.IssuerUrls;
import fr.cartesagents.ca.profile.PkiSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates the issuing CA key in its token (the HSM) and has the root sign its certificate. */
@Command(name = "create-issuing-ca", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, versionProvider = KeyCeremonyCli.Version.class,
        description = {"Generate the issuing CA key in a token (normally the HSM) and sign its certificate with the root.",
                "The certificate points to the root's CRL and certificate in the repository (--repository-url, --root-id)."})
final class CreateIssuingCaCommand implements Callable<Integer> {

    @Mixin
    RootSignerOptions root;

    @Mixin
    TokenOptions token;

    @Mixin
    NewKeyOptions newKey;

    @Option(names = "--repository-url", paramLabel = "URL", required = true,
            description = "Base URL of the PKI repository, e.g. http://pki.example.fr: the certificate points to "
                    + "URL/pki/crl/ROOT-ID.crl and URL/pki/ca/ROOT-ID.crt.")
    URI repositoryUrl;

    @Option(names = "--root-id", paramLabel = "ID", defaultValue = "root",
            description = "Identifier of the root in the repository URLs (default: ${DEFAULT-VALUE}).")
    String rootId;

    @Option(names = "--chain-out", paramLabel = "FILE",
            description = "Also write the chain (issuing CA then root) as PEM to FILE.")
    Path chainOut;

    @Mixin
    PolicyOptions policy;

    @Mixin
    CertificateOutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new DistinguishedName(newKey.subject).toX500Name();
        IssuerUrls rootUrls = IssuerUrls.forRepository(repositoryUrl, rootId);
        CeremonyFiles.refuseExisting(output.pem, output.der, chainOut);
        PkiSettings settings = policy.settings();
        Period lifetime = newKey.validityOr(settings.issuingCaValidity());
        SigningCa.Plan rootPlan = root.plan(spec);
        TokenLocation location = token.location(spec);
        location.checkBeforeSecrets(true);

        try (SigningCa rootCa = rootPlan.open(spec); OpenedToken target = location.open(spec, true)) {
            X509CertificateHolder issuing = target.certifyNewKey(newKey.keyAlias, output, key -> {
                X509CertificateHolder certificate = KeyCeremony.createIssuingCa(rootCa.signer(), key, newKey.keyAlias,
                        newKey.keyType, newKey.subject, lifetime, rootUrls, settings);
                if (chainOut != null) {
                    CeremonyFiles.writeChain(chainOut, List.of(certificate, rootCa.certificate()));
                }
                return certificate;
            }, rootCa.certificate());
            PrintWriter out = spec.commandLine().getOut();
            CertificateReport.print(out, "Issuing CA created (key '" + newKey.keyAlias + "' in " + target.token().description()
                    + ")", issuing);
            out.println("  written:     " + output.describe()
                    + (chainOut != null ? ", chain " + chainOut : ""));
            warnAboutLifetimes(issuing, lifetime, settings, spec.commandLine().getErr());
        }
        return 0;
    }

    /**
     * Holder certificates end at the latest with their issuing CA: say from when they will be shorter
     * than the policy's lifetime, the date by which the next issuing CA must be in service.
     */
    static void warnAboutLifetimes(X509CertificateHolder issuing, Period requested, PkiSettings settings, PrintWriter err) {
        Instant notBefore = issuing.getNotBefore().toInstant();
        Instant notAfter = issuing.getNotAfter().toInstant();
        Instant wanted = notBefore.atOffset(ZoneOffset.UTC).plus(requested).toInstant();
        if (notAfter.isBefore(wanted)) {
            err.println("Warning: the root ends on " + notAfter + ", so this CA does too, before the " + requested
                    + " asked for.");
        }
        Instant lastFullLength = notAfter.atOffset(ZoneOffset.UTC).minus(settings.holderValidity()).toInstant();
        if (!lastFullLength.isAfter(notBefore)) {
            err.println("Warning: this CA ends before a holder certificate of " + settings.holderValidity()
                    + " could: every holder certificate will be shortened to end on " + notAfter + ".");
        } else {
            err.println("Note: holder certificates (" + settings.holderValidity() + ") issued after " + lastFullLength
                    + " end with this CA on " + notAfter + "; have the next issuing CA in service by then.");
        }
    }
}
