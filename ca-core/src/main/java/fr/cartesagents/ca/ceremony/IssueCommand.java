package fr.cartesagents.ca.ceremony;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bouncycastle.asn1.x500.X500Name;

import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.DistinguishedName;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.IssuedCertificate;
import fr.cartesagents.ca.issuance.ServerSubject;
import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ca.issuance.Subject;
import fr.cartesagents.ca.profile.CertificateProfile;
import fr.cartesagents.ca.profile.IssuerUrls;
import fr.cartesagents.ca.profile.ProfileCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Issues one certificate from a PKCS#10 request, through the same checks as the server: proof of
 * possession, key strength and type, subject encoding, pre-issuance lint. The subject comes from the
 * options, never from the request.
 */
@Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, versionProvider = KeyCeremonyCli.Version.class,
        description = {"Issue a certificate from a PKCS#10 request (CSR) with the issuing CA; prints its serial.",
                "Holder profiles (authentication, signature) take --given-name, --surname, --organization, --siren "
                        + "and --holder-id; tls-server takes --dns-name; tls-client and ocsp-signer take --subject-dn."})
final class IssueCommand implements Callable<Integer> {

    @Option(names = "--csr", paramLabel = "FILE", required = true, description = "The PKCS#10 request, PEM or DER.")
    Path csr;

    @Option(names = "--profile", paramLabel = "NAME", required = true,
            description = "Certificate profile: authentication, signature, tls-server, tls-client, ocsp-signer.")
    String profile;

    @Option(names = "--given-name", paramLabel = "NAME", description = "Holder's given name (CN = given name + SURNAME).")
    String givenName;

    @Option(names = "--surname", paramLabel = "NAME", description = "Holder's surname (upper-cased in the CN).")
    String surname;

    @Option(names = "--organization", paramLabel = "NAME", description = "Holder's collectivity (O).")
    String organization;

    @Option(names = "--siren", paramLabel = "SIREN", description = "SIREN of the collectivity, 9 digits (OU = 0002 SIREN).")
    String siren;

    @Option(names = "--holder-id", paramLabel = "ID", description = "Unique holder identifier (serialNumber).")
    String holderId;

    @Option(names = "--dns-name", paramLabel = "NAME", description = "DNS name or IP address of a TLS server (repeatable).")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "--subject-dn", paramLabel = "DN", description = "Complete subject DN, for profiles that take one.")
    X500Name subjectDn;

    @Option(names = "--validity", paramLabel = "PERIOD",
            description = "Validity, ISO 8601, instead of the profile's (holders: P3Y); capped by the issuing CA's end.")
    Period validity;

    @Option(names = "--repository-url", paramLabel = "URL", required = true,
            description = "Base URL of the PKI repository: the certificate points to URL/pki/ocsp, URL/pki/ca/CA-ID.crt "
                    + "and URL/pki/crl/CA-ID.crl.")
    URI repositoryUrl;

    @Option(names = "--ca-id", paramLabel = "ID", required = true,
            description = "Identifier of the issuing CA in the repository URLs, e.g. act.")
    String caId;

    @Mixin
    CaSignerOptions ca;

    @Mixin
    PolicyOptions policy;

    @Mixin
    CertificateOutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProfileCatalog standard = ProfileCatalog.standard(policy.settings());
        CertificateProfile chosen = standard.find(profile).filter(p -> !ProfileCatalog.ROOT_CA.equals(p.name()))
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown profile '" + profile
                        + "'; this command issues " + standard.names().stream().filter(n -> !ProfileCatalog.ROOT_CA.equals(n))
                        .toList() + " (the root is made by create-root)"));
        ProfileCatalog catalog = standard;
        if (validity != null) {
            chosen = chosen.withValidity(validity);
            catalog = standard.with(chosen);
        }
        Subject subject = subject();
        IssuerUrls urls = IssuerUrls.forRepository(repositoryUrl, caId);
        CeremonyFiles.refuseExisting(output.pem, output.der);
        IssuanceRequest request = request(chosen.name(), subject);

        SigningCa.Plan caPlan = ca.plan(spec);

        try (SigningCa issuing = caPlan.open(spec)) {
            CertificateAuthority authority = CertificateAuthority.builder().signer(issuing.signer()).profiles(catalog)
                    .urls(urls).build();
            IssuedCertificate issued = authority.issue(request);
            output.write(issued.certificate());

            PrintWriter out = spec.commandLine().getOut();
            CertificateReport.print(out, "Certificate issued (profile " + issued.profileName() + ")", issued.certificate());
            out.println("  written:     " + output.describe());
            Instant wanted = issued.notBefore().atOffset(ZoneOffset.UTC).plus(chosen.validity()).toInstant();
            if (issued.notAfter().isBefore(wanted)) {
                spec.commandLine().getErr().println("Warning: shortened to end with the issuing CA on " + issued.notAfter()
                        + " instead of " + chosen.validity() + ": the next issuing CA is due.");
            }
        }
        return 0;
    }

    private Subject subject() {
        List<String> holderOptions = new ArrayList<>();
        addIfGiven(holderOptions, "--given-name", givenName);
        addIfGiven(holderOptions, "--surname", surname);
        addIfGiven(holderOptions, "--organization", organization);
        addIfGiven(holderOptions, "--siren", siren);
        addIfGiven(holderOptions, "--holder-id", holderId);
        int kinds = (holderOptions.isEmpty() ? 0 : 1) + (dnsNames.isEmpty() ? 0 : 1) + (subjectDn == null ? 0 : 1);
        if (kinds != 1) {
            throw new ParameterException(spec.commandLine(), "give the subject one way: the holder (--given-name, "
                    + "--surname, --organization, --siren, --holder-id), --dns-name for a TLS server, or --subject-dn");
        }
        if (!holderOptions.isEmpty()) {
            if (holderOptions.size() != 5) {
                throw new ParameterException(spec.commandLine(), "a holder needs --given-name, --surname, --organization, "
                        + "--siren and --holder-id; only " + String.join(", ", holderOptions) + " given");
            }
            Siren checkedSiren;
            try {
                checkedSiren = new Siren(siren);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--siren: " + e.getMessage());
            }
            return new HolderSubject(givenName, surname, organization, checkedSiren, holderId);
        }
        if (!dnsNames.isEmpty()) {
            return new ServerSubject(dnsNames);
        }
        return new DistinguishedName(subjectDn);
    }

    private IssuanceRequest request(String profileName, Subject subject) {
        // Twice the CA's limit: the PEM armour takes room, and the CA itself refuses what is too large.
        byte[] content = CeremonyFiles.read(csr, "--csr", 2L * CertificateAuthority.MAX_REQUEST_BYTES);
        if (content.length > 0 && content[0] == 0x30) {
            return new IssuanceRequest(profileName, content, subject);
        }
        return IssuanceRequest.fromPem(profileName, new String(content, StandardCharsets.US_ASCII), subject);
    }

    private static void addIfGiven(List<String> given, String option, String value) {
        if (value != null) {
            given.add(option);
        }
    }
}
