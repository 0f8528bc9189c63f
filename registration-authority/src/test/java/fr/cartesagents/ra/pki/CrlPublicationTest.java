package fr.cartesagents.ra.pki;

import fr.cartesagents.ra.certificate.CaIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ra.testsupport.RunningServer;

class CrlPublicationTest extends RunningServer {

    @Autowired
    CrlPublisher publisher;

    @TempDir
    Path work;

    @Test
    void whenTheCurrentCrlIsNotYetDue_thenNoneIsPublished_andWhenDue_thenANewerNumberIsServed() throws Exception {
        BigInteger before = servedNumber("/pki/crl/act.crl");
        assertThat(publisher.publishIfDue(CaIds.ISSUING, Duration.ZERO).block()).isFalse();
        assertThat(servedNumber("/pki/crl/act.crl")).isEqualTo(before);

        // Due as soon as it is less than 27 h from nextUpdate, i.e. always with the 26 h default.
        assertThat(publisher.publishIfDue(CaIds.ISSUING, Duration.ofHours(27)).block()).isTrue();
        BigInteger after = servedNumber("/pki/crl/act.crl");
        BigInteger delta = servedNumber("/pki/crl/act/delta.crl");
        assertThat(after).isGreaterThan(before);
        assertThat(delta).isGreaterThan(after);
    }

    @Test
    void whenTheCrlsAreServed_thenOpensslVerifiesTheirSignaturesAndNextUpdateIs26HoursAfterThisUpdate() throws Exception {
        OpenSsl openssl = OpenSsl.require();
        Path chain = dataDirectory().resolve("ca-chain.pem");
        for (String path : new String[] {"/pki/crl/act.crl", "/pki/crl/act/delta.crl", "/pki/crl/root.crl"}) {
            byte[] der = get(HttpClient.newHttpClient(), pki(path)).body();
            Path pem = work.resolve(path.replace('/', '_') + ".pem");
            Files.writeString(pem, PemFiles.toPem(PemFiles.X509_CRL, der));
            ProcessResult verify = openssl.run("crl", "-in", pem.toString(), "-CAfile", chain.toString(), "-noout");
            assertThat(verify.output()).as(path).contains("verify OK");
            X509CRLHolder crl = new X509CRLHolder(der);
            Instant thisUpdate = crl.getThisUpdate().toInstant();
            assertThat(Duration.between(thisUpdate, crl.getNextUpdate().toInstant())).isEqualTo(Duration.ofHours(26));
        }
    }

    private BigInteger servedNumber(String path) throws Exception {
        X509CRLHolder crl = new X509CRLHolder(get(HttpClient.newHttpClient(), pki(path)).body());
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(
                crl.getExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }
}
