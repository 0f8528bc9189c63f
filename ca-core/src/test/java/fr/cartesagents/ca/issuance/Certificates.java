package fr.cartesagents.ca.issuance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;

/** Reading back what a certificate says, for assertions. */
public final class Certificates {

    private Certificates() {
    }

    public static X509Certificate toJdk(X509CertificateHolder holder) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> policies(X509CertificateHolder certificate) {
        Extension extension = certificate.getExtension(Extension.certificatePolicies);
        List<String> oids = new ArrayList<>();
        if (extension != null) {
            for (PolicyInformation info : CertificatePolicies.getInstance(extension.getParsedValue()).getPolicyInformation()) {
                oids.add(info.getPolicyIdentifier().getId());
            }
        }
        return oids;
    }

    public static List<String> crlUris(X509CertificateHolder certificate) {
        Extension extension = certificate.getExtension(Extension.cRLDistributionPoints);
        List<String> uris = new ArrayList<>();
        if (extension != null) {
            for (DistributionPoint point : CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints()) {
                for (GeneralName name : GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()) {
                    uris.add(name.getName().toString());
                }
            }
        }
        return uris;
    }

    public static List<String> aiaUris(X509CertificateHolder certificate, ASN1ObjectIdentifier method) {
        Extension extension = certificate.getExtension(Extension.authorityInfoAccess);
        List<String> uris = new ArrayList<>();
        if (extension != null) {
            for (AccessDescription description : AuthorityInformationAccess.getInstance(extension.getParsedValue())
                    .getAccessDescriptions()) {
                if (description.getAccessMethod().equals(method)) {
                    uris.add(description.getAccessLocation().getName().toString());
                }
            }
        }
        return uris;
    }

    public static List<String> ocspUris(X509CertificateHolder certificate) {
        return aiaUris(certificate, AccessDescription.id_ad_ocsp);
    }

    public static List<String> caIssuersUris(X509CertificateHolder certificate) {
        return aiaUris(certificate, AccessDescription.id_ad_caIssuers);
    }
}
