package fr.cartesagents.ra.pki;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.pki.*}: where the CA keys are and how the PKI repository publishes. In the default
 * (demo) profile the keys are created by a demo ceremony under the data directory and only
 * {@code public-base-url}, {@code policy-set}, {@code crl.*}, {@code ocsp.*} and {@code tls.dns-names}
 * matter; the {@code production} profile requires the certificates and tokens below.
 *
 * @param publicBaseUrl base of the URLs written into certificates (AIA, CRL distribution points);
 *                      default {@code http://localhost:<server.port>}
 * @param policySet     {@code default} (this project's OID arc) or {@code ants-compatible}
 * @param profiles      overrides of the policy set's values, each optional
 * @param demo          names and key type of the demo ceremony's CAs (default profile only)
 */
@ConfigurationProperties("cartes.pki")
public record PkiProperties(URI publicBaseUrl,
                            @DefaultValue("default") String policySet,
                            @DefaultValue Ca root,
                            @DefaultValue Ca issuing,
                            @DefaultValue Ca ocsp,
                            @DefaultValue Tls tls,
                            @DefaultValue Crl crl,
                            @DefaultValue Ocsp ocspResponses,
                            @DefaultValue Profiles profiles,
                            @DefaultValue Demo demo) {

    /**
     * {@code cartes.pki.profiles.*}: what an operator may change in the chosen policy set; a property
     * left out keeps the policy set's value. Checked by {@link ConfiguredPkiSettings} at start-up.
     *
     * @param authenticationPolicyOid policy OID of holder authentication certificates
     * @param signaturePolicyOid      policy OID of holder signature certificates
     * @param servicePolicyOid        policy OID of TLS server and client certificates
     * @param holderValidity          lifetime of holder certificates (ISO 8601 period, e.g. P3Y), capped by the issuer
     * @param holderKeyTypes          key types holder requests may use: RSA_2048, RSA_3072, RSA_4096, EC_P256, EC_P384
     */
    public record Profiles(String authenticationPolicyOid, String signaturePolicyOid, String servicePolicyOid,
                           Period holderValidity, List<String> holderKeyTypes) {
    }

    /**
     * {@code cartes.pki.demo.*}: the distinguished names and the issuing CA key type the demo ceremony
     * uses, read when it runs (first start on an empty data directory). Default: the "(démo)" names, RSA_2048.
     *
     * @param rootName       DN of the demo root, e.g. {@code CN=AC Racine,O=Ville de Moissac,C=FR}
     * @param issuingName    DN of the demo issuing CA
     * @param ocspName       DN of the demo OCSP signer
     * @param issuingKeyType key type of the issuing CA: RSA_2048, RSA_3072, RSA_4096, EC_P256, EC_P384
     * @param softhsmModule  the SoftHSM2 PKCS#11 library the demo ceremony's tokens live in
     */
    public record Demo(String rootName, String issuingName, String ocspName, String issuingKeyType,
                       @DefaultValue("/usr/lib/softhsm/libsofthsm2.so") Path softhsmModule) {
    }

    /**
     * A CA (or the OCSP signer) of a production deployment: its certificate (PEM) and the token
     * holding its key. The root needs only its certificate (its key stays offline) and, so that
     * relying parties can check the issuing CA, the latest CRL the root signed during a ceremony
     * ({@code crl}, PEM or DER), published at start-up when newer than the one on record.
     * {@code crlNumberFloor} (issuing CA): the last CRL number the key ceremony used (its number
     * file); at start-up the server moves its CRL numbers above it, never back. 0: nothing to continue.
     */
    public record Ca(Path certificate, @DefaultValue Token token, String keyAlias, Path crl,
                     @DefaultValue("0") long crlNumberFloor) {
    }

    /**
     * @param type        {@code pkcs11} or {@code pkcs12}
     * @param module      PKCS#11 library of the HSM
     * @param tokenLabel  PKCS#11 token label
     * @param pin         PKCS#11 user PIN (from a secret store or the environment, never a file in the repository)
     * @param file        PKCS#12 file
     * @param password    PKCS#12 password
     */
    public record Token(String type, Path module, String tokenLabel, String pin, Path file, String password) {

        @Override
        public String toString() {
            return "Token[type=" + type + ", module=" + module + ", tokenLabel=" + tokenLabel + ", file=" + file + "]";
        }
    }

    /**
     * @param keyStore         PKCS#12 key store with the HTTPS listener's key and chain (production)
     * @param keyStorePassword its password
     * @param dnsNames         names (and IP literals) the demo TLS certificate is issued for
     */
    public record Tls(Path keyStore, String keyStorePassword,
                      @DefaultValue({"localhost", "127.0.0.1", "::1"}) List<String> dnsNames) {

        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", dnsNames=" + dnsNames + "]";
        }
    }

    /**
     * @param nextUpdate     nextUpdate - thisUpdate of each CRL
     * @param renewBefore    a new CRL is issued this long before the current one's nextUpdate
     * @param checkInterval  how often the CRL schedule looks
     */
    public record Crl(@DefaultValue("PT26H") Duration nextUpdate, @DefaultValue("PT3H") Duration renewBefore,
                      @DefaultValue("PT1M") Duration checkInterval) {
    }

    /**
     * @param validity              nextUpdate - thisUpdate of each OCSP response
     * @param revocationPollInterval how often an instance looks for revocations made by the others
     * @param refreshMargin          a pre-produced response is re-signed this long before its nextUpdate
     *                               (shorter than {@code validity}); the refresh runs every margin / 2
     * @param maxPreProduced         how many pre-produced responses an instance keeps at most
     */
    public record Ocsp(@DefaultValue("PT1H") Duration validity, @DefaultValue("PT0.5S") Duration revocationPollInterval,
                       @DefaultValue("PT15M") Duration refreshMargin, @DefaultValue("200000") int maxPreProduced) {
    }
}
