package fr.cartesagents.ra.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.testsupport.RunningServer;

/**
 * Serials reserved and never delivered (the process died between the reservation and the commit of
 * the signed certificate) are revoked by the recovery job once their grace period has passed: reason
 * superseded, one audit event each, a new CRL listing them, OCSP "revoked"; fresh reservations, which
 * may still be signing, are left alone. More serials than one page of a reactive stream, so that the
 * audit appends run after the update's rows are all read.
 */
class ReservationRecoveryTest extends RunningServer {

    @Autowired
    ReservationRecovery recovery;

    @Test
    void whenReservationsAreOlderThanTheGracePeriod_thenTheyAreRevokedAuditedAndOnTheCrl() throws Exception {
        List<BigInteger> abandoned = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            abandoned.add(reserve("1 hour"));
        }
        BigInteger fresh = reserve("1 second");
        long eventsBefore = count("audit_event");

        List<CertificateRecords.AbandonedReservation> revoked = recovery.revokeAbandoned().block();

        assertThat(revoked).extracting(CertificateRecords.AbandonedReservation::serial).containsExactlyInAnyOrderElementsOf(abandoned);
        assertThat(status(fresh)).isEqualTo("pending");
        for (BigInteger serial : abandoned) {
            assertThat(status(serial)).isEqualTo("revoked");
        }
        assertThat(count("audit_event") - eventsBefore).isEqualTo(abandoned.size());
        assertThat(database.sql("select count(*) as n from audit_event where action = 'certificate.revoked' and actor = 'system'"
                        + " and details->>'cause' = 'reservation-not-delivered' and details->>'reason' = 'superseded'")
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(abandoned.size());

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(
                get(HttpClient.newHttpClient(), pki("/pki/crl/act.crl")).body()));
        for (BigInteger serial : abandoned) {
            assertThat(crl.getRevokedCertificate(serial)).as("serial %s on the CRL served at once", serial.toString(16)).isNotNull();
        }
        X509CertificateHolder issuer = new X509CertificateHolder(get(HttpClient.newHttpClient(), pki("/pki/ca/act.crt")).body());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), issuer,
                abandoned.get(0));
        OCSPResp ocsp = new OCSPResp(get(HttpClient.newHttpClient(), pki("/pki/ocsp/"
                + java.util.Base64.getUrlEncoder().encodeToString(new OCSPReqBuilder().addRequest(id).build().getEncoded()))).body());
        assertThat(((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);

        assertThat(recovery.revokeAbandoned().block()).isEmpty(); // nothing twice
    }

    private BigInteger reserve(String age) {
        BigInteger serial = new BigInteger(1, UUID.randomUUID().toString().replace("-", "").getBytes()).shiftRight(8);
        database.sql("insert into certificate (serial, ca_id, profile, subject, not_before, not_after, status, created_at)"
                        + " values (:serial, 'act', 'authentication', 'CN=abandoned', now(), now() + interval '1 year', 'pending',"
                        + " now() - interval '" + age + "')")
                .bind("serial", SerialHex.toHex(serial)).then().block();
        return serial;
    }

    private String status(BigInteger serial) {
        return database.sql("select status from certificate where serial = :serial").bind("serial", SerialHex.toHex(serial))
                .map(row -> row.get("status", String.class)).one().block();
    }
}
