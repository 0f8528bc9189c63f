package fr.cartesagents.ca.ceremony;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.crl.CrlGenerator;
import fr.cartesagents.ca.crl.CrlSettings;
import fr.cartesagents.ca.crl.GeneratedCrl;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Signs a full or delta CRL for a CA (the root's, signed offline, or the issuing CA's). */
@Command(name = "crl", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, versionProvider = KeyCeremonyCli.Version.class,
        description = {"Sign a full or delta CRL with a CA (the root or the issuing CA).",
                "Revoked certificates come from a CSV file: serialHex,revocationTime,reason[,invalidityDate]",
                "e.g. 4f1c2a9e77d01b35,2025-03-01T09:30:00Z,keyCompromise,2025-02-28T00:00:00Z"})
final class CrlCommand implements Callable<Integer> {

    @Mixin
    CaSignerOptions ca;

    @Option(names = "--revoked", paramLabel = "FILE",
            description = "CSV of the revoked certificates; without it the CRL lists none.")
    Path revoked;

    @Option(names = "--number", paramLabel = "N", description = "CRL number (greater than every number this CA used).")
    BigInteger number;

    @Option(names = "--number-file", paramLabel = "FILE",
            description = "File holding the last CRL number of this CA: the next one is drawn from it and written back.")
    Path numberFile;

    @Option(names = "--delta-of", paramLabel = "BASE",
            description = "Make a delta CRL of the full CRL numbered BASE (the CSV lists the changes since it).")
    BigInteger deltaOf;

    @Option(names = "--next-update", paramLabel = "DURATION", defaultValue = "PT26H",
            description = "nextUpdate = thisUpdate + DURATION, ISO 8601 (default: ${DEFAULT-VALUE}; offline root: e.g. P90D).")
    Duration nextUpdate;

    @Option(names = "--freshest-crl", paramLabel = "URL",
            description = "Full CRL only: where the delta CRLs are published (FreshestCRL extension).")
    URI freshestCrl;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Write the CRL as DER to FILE (.crl; never overwritten: each CRL is a new file).")
    Path out;

    @Option(names = "--pem", paramLabel = "FILE", description = "Also write the CRL as PEM to FILE (never overwritten).")
    Path pem;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((number == null) == (numberFile == null)) {
            throw new ParameterException(spec.commandLine(), "give the CRL number with --number N or --number-file FILE (one of them)");
        }
        if (deltaOf != null && freshestCrl != null) {
            throw new ParameterException(spec.commandLine(), "--freshest-crl goes into full CRLs, not into a delta (--delta-of)");
        }
        if (number != null) {
            checkNumberAboveBase(number);
        } else {
            checkNumberAboveBase(CrlNumberFile.read(numberFile).add(BigInteger.ONE));
        }
        List<RevokedCertificate> entries = revoked == null ? List.of() : RevokedCertificatesCsv.read(revoked);
        if (deltaOf == null && entries.stream().anyMatch(e -> e.reason() == RevocationReason.REMOVE_FROM_CRL)) {
            throw new CeremonyException("--revoked: removeFromCRL may only appear in a delta CRL (--delta-of)");
        }

        CeremonyFiles.refuseExisting(out, pem);
        SigningCa.Plan caPlan = ca.plan(spec);
        requireCrlSign(caPlan.certificate());

        try (SigningCa signing = caPlan.open(spec)) {
            BigInteger crlNumber = number != null ? number : CrlNumberFile.drawNext(numberFile);
            CrlGenerator generator = new CrlGenerator(signing.signer(), new CrlSettings(nextUpdate), Clock.systemUTC());
            GeneratedCrl crl = deltaOf == null
                    ? generator.full(crlNumber, entries.iterator(), Optional.ofNullable(freshestCrl))
                    : generator.delta(crlNumber, deltaOf, entries.iterator());
            CeremonyFiles.writeDer(out, crl.der());
            if (pem != null) {
                CeremonyFiles.writePem(pem, PemFiles.X509_CRL, crl.der());
            }
            PrintWriter console = spec.commandLine().getOut();
            console.println((crl.delta() ? "Delta CRL (base " + deltaOf + ")" : "Full CRL") + " signed by "
                    + signing.certificate().getSubject());
            console.println("  number:      " + crl.number());
            console.println("  entries:     " + entries.size());
            console.println("  this update: " + crl.thisUpdate());
            console.println("  next update: " + crl.nextUpdate() + " (publish the next CRL before then)");
            console.println("  written:     " + out + (pem != null ? ", " + pem : ""));
        }
        return 0;
    }

    private void checkNumberAboveBase(BigInteger crlNumber) {
        if (deltaOf != null && deltaOf.compareTo(crlNumber) >= 0) {
            throw new ParameterException(spec.commandLine(), "the delta CRL number " + crlNumber
                    + " must be greater than its base " + deltaOf);
        }
    }

    private static void requireCrlSign(X509CertificateHolder certificate) {
        KeyUsage keyUsage = KeyUsage.fromExtensions(certificate.getExtensions());
        if (keyUsage == null || !keyUsage.hasUsages(KeyUsage.cRLSign)) {
            throw new CeremonyException(certificate.getSubject() + " may not sign CRLs (its certificate has no cRLSign "
                    + "key usage): give the certificate and key of a CA");
        }
    }
}
