package fr.cartesagents.bridge.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_KEY_TYPE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver.FailureTranslator;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver.SessionWork;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.Pkcs11Encodings;
import fr.cartesagents.ca.token.Pkcs11KeyPairs;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * The keys of a card whose user PIN was accepted, through one logged-in PKCS#11 session. Private
 * key, public key and certificate of a {@link KeyRole} share its CKA_ID and CKA_LABEL, so that every
 * middleware (OpenSC, Windows minidriver, Firefox) pairs them.
 */
final class Pkcs11AuthenticatedCard implements AuthenticatedCard {

    private static final int MAX_OBJECTS_PER_ROLE = 16;

    private final Session session;
    private final FailureTranslator failures;
    /**
     * Private keys already looked up in this session: a handle stays valid until the object is
     * destroyed, and looking the key up again (find + attribute read) was the bridge's only cost
     * over a bare C_Sign (docs/benchmarks.md, "Card bridge").
     */
    private final Map<KeyRole, PrivateKeyHandle> signingKeys = new EnumMap<>(KeyRole.class);
    /** The renewal keys' view: objects under {@link KeyRole#renewalId()}, closed with the card that made it. */
    private final Optional<Pkcs11AuthenticatedCard> renewalOf;
    private boolean closed;

    Pkcs11AuthenticatedCard(Session session, FailureTranslator failures) {
        this(session, failures, Optional.empty());
    }

    private Pkcs11AuthenticatedCard(Session session, FailureTranslator failures, Optional<Pkcs11AuthenticatedCard> renewalOf) {
        this.session = session;
        this.failures = failures;
        this.renewalOf = renewalOf;
    }

    private byte[] idOf(KeyRole role) {
        return renewalOf.isPresent() ? role.renewalId() : role.id();
    }

    private String labelOf(KeyRole role) {
        return renewalOf.isPresent() ? role.renewalLabel() : role.label();
    }

    @Override
    public AuthenticatedCard renewalKeys() {
        if (renewalOf.isPresent()) {
            return this;
        }
        return new Pkcs11AuthenticatedCard(session, failures, Optional.of(this));
    }

    @Override
    public void promoteRenewalKeys(KeyRole role) {
        Objects.requireNonNull(role, "role");
        if (renewalOf.isPresent()) {
            renewalOf.get().promoteRenewalKeys(role);
            return;
        }
        run("replacing the " + Pkcs11CardDriver.roleName(role) + " key with its renewal", session -> {
            long[] renewed = find(new AttributeVector().id(role.renewalId()), MAX_OBJECTS_PER_ROLE);
            boolean hasKey = find(new AttributeVector().class_(CKO_PRIVATE_KEY).id(role.renewalId()), 1).length > 0;
            boolean hasCertificate = find(new AttributeVector().class_(CKO_CERTIFICATE).id(role.renewalId()), 1).length > 0;
            if (!hasKey || !hasCertificate) {
                throw new CardException(CardFailure.KEY_NOT_FOUND, "The card has no renewed " + Pkcs11CardDriver.roleName(role)
                        + " key with its certificate: generate the renewal keys and write their certificates first");
            }
            // The new pair and its certificate are complete on the card: only now do the old ones go. An
            // interruption before the relabelling leaves a usable pair (same CKA_ID for key and
            // certificate), and running this again finishes the move.
            for (long handle : find(new AttributeVector().id(role.id()), MAX_OBJECTS_PER_ROLE)) {
                session.destroyObject(handle);
            }
            signingKeys.remove(role);
            for (long handle : renewed) {
                session.setAttributeValues(handle, new AttributeVector().id(role.id()).label(role.label()));
            }
            return null;
        });
    }

    @Override
    public PublicKey generateKeyPair(KeyRole role, KeySpec spec) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(spec, "spec");
        return run("generating the " + Pkcs11CardDriver.roleName(role) + " key", session -> {
            // The old objects go only once the new pair exists: a failed generation leaves the card as it was.
            long[] previous = find(new AttributeVector().id(idOf(role)), MAX_OBJECTS_PER_ROLE);
            long publicHandle = session.generateKeyPair(Pkcs11KeyPairs.generationMechanism(spec),
                    Pkcs11KeyPairs.signingKeyPairTemplate(labelOf(role), idOf(role), spec)).getPublicKey();
            signingKeys.remove(role);
            for (long handle : previous) {
                session.destroyObject(handle);
            }
            return readPublicKey(publicHandle, role);
        });
    }

    @Override
    public Optional<PublicKey> publicKey(KeyRole role) {
        Objects.requireNonNull(role, "role");
        return run("reading the " + Pkcs11CardDriver.roleName(role) + " public key", session -> {
            long[] handles = find(new AttributeVector().class_(CKO_PUBLIC_KEY).id(idOf(role)), 1);
            return handles.length == 0 ? Optional.empty() : Optional.of(readPublicKey(handles[0], role));
        });
    }

    @Override
    public byte[] sign(KeyRole role, SignatureAlgorithm algorithm, byte[] message) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(message, "message");
        byte[] digest = digest(algorithm, message);
        return run("signing with the " + Pkcs11CardDriver.roleName(role) + " key", session -> {
            PrivateKeyHandle key = signingKeys.get(role);
            if (key == null) {
                key = findPrivateKey(role);
                signingKeys.put(role, key);
            }
            if (key.rsa() != algorithm.isRsa()) {
                throw new CardException(CardFailure.NOT_SUPPORTED, "The " + Pkcs11CardDriver.roleName(role) + " key is "
                        + (key.rsa() ? "RSA" : "not RSA") + ": it cannot sign " + algorithm.jcaName());
            }
            if (key.rsa()) {
                return session.signSingle(new Mechanism(CKM_RSA_PKCS), key.handle(), Pkcs11Encodings.rsaDigestInfo(algorithm, digest));
            }
            return Pkcs11Encodings.ecdsaSignatureToDer(session.signSingle(new Mechanism(CKM_ECDSA), key.handle(), digest));
        });
    }

    @Override
    public void storeCertificate(KeyRole role, X509CertificateHolder certificate) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(certificate, "certificate");
        PublicKey key = publicKey(role).orElseThrow(() -> missingKey(role));
        AttributeVector object;
        try {
            if (!Arrays.equals(certificate.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER), key.getEncoded())) {
                throw new IllegalArgumentException("The certificate " + certificate.getSubject()
                        + " does not certify the " + Pkcs11CardDriver.roleName(role) + " key of this card");
            }
            object = AttributeVector.newX509Certificate()
                    .token(true)
                    .private_(false)
                    .label(labelOf(role))
                    .id(idOf(role))
                    .subject(certificate.getSubject().getEncoded(ASN1Encoding.DER))
                    .issuer(certificate.getIssuer().getEncoded(ASN1Encoding.DER))
                    .serialNumber(new ASN1Integer(certificate.getSerialNumber()).getEncoded(ASN1Encoding.DER))
                    .value(certificate.getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("Unencodable certificate " + certificate.getSubject(), e);
        }
        run("writing the " + Pkcs11CardDriver.roleName(role) + " certificate", session -> {
            long[] previous = find(new AttributeVector().class_(CKO_CERTIFICATE).id(idOf(role)), MAX_OBJECTS_PER_ROLE);
            session.createObject(object);
            for (long handle : previous) {
                session.destroyObject(handle);
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (renewalOf.isPresent()) {
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.logout();
        } catch (PKCS11Exception | RuntimeException e) {
            // Closing the session below ends the login anyway (or the card is gone).
        }
        Pkcs11CardDriver.closeQuietly(session);
    }

    private <T> T run(String doing, SessionWork<T> work) {
        if (closed || renewalOf.map(card -> card.closed).orElse(false)) {
            throw new IllegalStateException("This card session is closed: present the PIN again");
        }
        try {
            return work.apply(session);
        } catch (PKCS11Exception e) {
            throw failures.translate(e, doing, PinRole.NONE);
        }
    }

    private PrivateKeyHandle findPrivateKey(KeyRole role) throws PKCS11Exception {
        long[] handles = find(new AttributeVector().class_(CKO_PRIVATE_KEY).id(idOf(role)), 1);
        if (handles.length == 0) {
            throw missingKey(role);
        }
        Long keyType = session.getAttrValues(handles[0], CKA_KEY_TYPE).keyType();
        return new PrivateKeyHandle(handles[0], keyType != null && keyType == CKK_RSA);
    }

    private record PrivateKeyHandle(long handle, boolean rsa) {
    }

    private long[] find(AttributeVector template, int max) throws PKCS11Exception {
        long[] handles = session.findObjectsSingle(template, max);
        return handles == null ? new long[0] : handles;
    }

    private PublicKey readPublicKey(long handle, KeyRole role) throws PKCS11Exception {
        try {
            return Pkcs11KeyPairs.readPublicKey(session, handle);
        } catch (GeneralSecurityException e) {
            throw new CardException(CardFailure.NOT_SUPPORTED, "The " + Pkcs11CardDriver.roleName(role) + " public key on the card is unreadable: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] digest(SignatureAlgorithm algorithm, byte[] message) {
        try {
            return MessageDigest.getInstance(algorithm.digestName()).digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No " + algorithm.digestName() + " in this JVM", e);
        }
    }

    private static CardException missingKey(KeyRole role) {
        return new CardException(CardFailure.KEY_NOT_FOUND,
                "The card has no " + Pkcs11CardDriver.roleName(role) + " key: personalize the card first");
    }
}
