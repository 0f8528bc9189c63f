package fr.cartesagents.benchmarks.bridge;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.CertificateIssuer;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.Pkcs11KeyPairs;

/**
 * The baseline of the SoftHSM2 benchmarks: the bare PKCS#11 calls a hand-written program makes on
 * the IAIK wrapper for the same job as the bridge, without its lookups, checks and error
 * translation. Key templates and certificate attributes are those of the bridge, so that the token
 * does the same work.
 */
final class RawPkcs11Card {

    private static final int MAX_OBJECTS = 64;

    private final Token token;

    RawPkcs11Card(Token token) {
        this.token = token;
    }

    /** A read-only session, for the signature benchmark (logged in when another session of this JVM is). */
    Session openSession() throws PKCS11Exception {
        return token.openSession(false);
    }

    /** C_OpenSession, C_Login, C_Logout, C_CloseSession. */
    void verifyPin(char[] pin) throws PKCS11Exception {
        Session session = token.openSession(true);
        try {
            session.login(CKU_USER, pin);
            session.logout();
        } finally {
            session.closeSession();
        }
    }

    /** C_OpenSession, C_SetPIN, C_CloseSession. */
    void changePin(char[] current, char[] replacement) throws PKCS11Exception {
        Session session = token.openSession(true);
        try {
            session.setPIN(current, replacement);
        } finally {
            session.closeSession();
        }
    }

    /** SHA-256 of the message here, then C_SignInit and C_Sign (CKM_RSA_PKCS) over its DigestInfo. */
    static byte[] sign(Session session, long privateKey, byte[] message) throws PKCS11Exception {
        byte[] digestInfo = Sha256DigestInfo.of(message);
        session.signInit(new Mechanism(CKM_RSA_PKCS), privateKey);
        return session.sign(digestInfo);
    }

    /**
     * A blank card's personalization: log in; for each role C_GenerateKeyPair, C_GetAttributeValue
     * of the public key, a PKCS#10 request signed by C_Sign, the CA's issuance, C_CreateObject of the
     * certificate; log out.
     */
    Map<KeyRole, X509CertificateHolder> personalize(char[] pin, CertificateIssuer issuer, X500Name subject)
            throws PKCS11Exception, GeneralSecurityException, IOException {
        Map<KeyRole, X509CertificateHolder> certificates = new EnumMap<>(KeyRole.class);
        Session session = token.openSession(true);
        try {
            session.login(CKU_USER, pin);
            for (KeyRole role : List.of(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE)) {
                PKCS11KeyPair pair = session.generateKeyPair(Pkcs11KeyPairs.generationMechanism(KeySpec.RSA_2048),
                        Pkcs11KeyPairs.signingKeyPairTemplate(role.label(), role.id(), KeySpec.RSA_2048));
                PublicKey key = Pkcs11KeyPairs.readPublicKey(session, pair.getPublicKey());
                PKCS10CertificationRequest request = new PKCS10CertificationRequestBuilder(subject,
                        SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                        .build(new RawContentSigner(message -> sign(session, pair.getPrivateKey(), message)));
                X509CertificateHolder certificate = issuer.issue(request, role).get(0);
                session.createObject(certificateObject(role, certificate));
                certificates.put(role, certificate);
            }
            session.logout();
        } finally {
            session.closeSession();
        }
        return certificates;
    }

    /** Destroys every object of the card (keys and certificates), outside the measured time. */
    void wipe(char[] pin) throws PKCS11Exception {
        Session session = token.openSession(true);
        try {
            session.login(CKU_USER, pin);
            long[] handles = session.findObjectsSingle(new AttributeVector(), MAX_OBJECTS);
            for (long handle : handles == null ? new long[0] : handles) {
                session.destroyObject(handle);
            }
            session.logout();
        } finally {
            session.closeSession();
        }
    }

    private static AttributeVector certificateObject(KeyRole role, X509CertificateHolder certificate) throws IOException {
        return AttributeVector.newX509Certificate()
                .token(true)
                .private_(false)
                .label(role.label())
                .id(role.id())
                .subject(certificate.getSubject().getEncoded(ASN1Encoding.DER))
                .issuer(certificate.getIssuer().getEncoded(ASN1Encoding.DER))
                .serialNumber(new ASN1Integer(certificate.getSerialNumber()).getEncoded(ASN1Encoding.DER))
                .value(certificate.getEncoded());
    }
}
