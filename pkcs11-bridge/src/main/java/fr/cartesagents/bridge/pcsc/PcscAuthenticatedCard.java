package fr.cartesagents.bridge.pcsc;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.smartcardio.ResponseAPDU;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.RsaPublicKeys;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.pkcs15.Pkcs15Files;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * The keys of an IAS-ECC agent card whose PIN was verified over PC/SC: RSA 2048 key pairs generated
 * on the card (GENERATE on the private key's SDO, public key read back by GET DATA), PKCS#1 v1.5
 * signatures (the signature key: MSE SET HT and DST, PSO HASH with the hash computed here, PSO
 * COMPUTE DIGITAL SIGNATURE; the authentication key: MSE SET AT, INTERNAL AUTHENTICATE of a
 * DigestInfo), certificates in the role's file. After each key or certificate it writes the PKCS#15
 * directory again, so that the card is readable by any PKCS#15 reader at every step.
 *
 * <p>Renewal ({@link #renewalKeys()}): each role has two key references, its own and its renewal one
 * ({@link AgentCardLayout#renewalKeyReference}), which take turns. The key in use is the one whose public
 * key is in the role's public key file; the renewal view generates on the other reference and writes its
 * public key in the role's renewal public key file (so the card says which key the renewal is for), signs
 * the request with it, and writes the renewed certificate in the role's certificate file;
 * {@link #promoteRenewalKeys} then names the new key in the public key file and the PKCS#15 directory
 * (PrKDF keyReference, CDF) and empties the renewal file. The retired key pair stays on its reference,
 * named by nothing, until the next renewal generates over it (IAS-ECC has no command to delete a key SDO).
 */
final class PcscAuthenticatedCard implements AuthenticatedCard {

    private final PcscCardDriver driver;
    /** Whether this is the renewal view: the role's other key reference, while a renewal is under way. */
    private final boolean renewal;

    PcscAuthenticatedCard(PcscCardDriver driver) {
        this(driver, false);
    }

    private PcscAuthenticatedCard(PcscCardDriver driver, boolean renewal) {
        this.driver = driver;
        this.renewal = renewal;
    }

    @Override
    public AuthenticatedCard renewalKeys() {
        return renewal ? this : new PcscAuthenticatedCard(driver, true);
    }

    @Override
    public void promoteRenewalKeys(KeyRole role) {
        driver.inSession(() -> {
            ApplicationFiles files = driver.files();
            byte[] pending = files.read(AgentCardLayout.renewalPublicKeyFileId(role));
            if (pending.length == 0) {
                throw new CardException(CardFailure.KEY_NOT_FOUND, "The card has no renewal " + role.label()
                        + " key: start the renewal again");
            }
            // From here the renewal key is the role's key in use (currentKey); run again, this finishes the move.
            files.write(AgentCardLayout.publicKeyFileId(role), pending);
            writeDirectory();
            files.write(AgentCardLayout.renewalPublicKeyFileId(role), new byte[0]);
            return null;
        });
    }

    @Override
    public PublicKey generateKeyPair(KeyRole role, KeySpec spec) {
        if (spec != KeySpec.RSA_2048) {
            throw new CardException(CardFailure.NOT_SUPPORTED, "The card generates RSA 2048 keys only, not " + spec);
        }
        return driver.inSession(() -> {
            int reference = renewal ? spareKey(role) : AgentCardLayout.keyReference(role);
            driver.expectSuccess("GENERATE ASYMMETRIC KEY PAIR", AgentCardCommands.generateKeyPair(reference));
            PublicKey key = readPublicKey(reference).orElseThrow(() -> new CardException(CardFailure.CARD_ERROR,
                    "The card generated no public key for the " + role.label() + " key"));
            ApplicationFiles files = driver.files();
            if (renewal) {
                // The key in use, its certificate and the directory stay as they are until the renewed certificate is written.
                files.write(AgentCardLayout.renewalPublicKeyFileId(role), RsaPublicKeys.pkcs1((RSAPublicKey) key));
                return key;
            }
            // A certificate of the replaced key must not stay next to the new one.
            files.write(AgentCardLayout.certificateFileId(role), new byte[0]);
            files.write(AgentCardLayout.publicKeyFileId(role), RsaPublicKeys.pkcs1((RSAPublicKey) key));
            writeDirectory();
            return key;
        });
    }

    @Override
    public Optional<PublicKey> publicKey(KeyRole role) {
        return driver.inSession(() -> (renewal ? pendingRenewalKey(role) : Optional.of(currentKey(role))).flatMap(this::readPublicKey));
    }

    @Override
    public byte[] sign(KeyRole role, SignatureAlgorithm algorithm, byte[] message) {
        if (!algorithm.isRsa()) {
            throw new CardException(CardFailure.NOT_SUPPORTED, "The card signs with RSA keys only, not " + algorithm.jcaName());
        }
        if (role == KeyRole.SIGNATURE && !"SHA-256".equals(algorithm.digestName())) {
            throw new CardException(CardFailure.NOT_SUPPORTED, "IAS-ECC PSO HASH names SHA-256 only, not " + algorithm.digestName());
        }
        byte[] digest = digest(algorithm, message);
        return driver.inSession(() -> {
            int key = renewal ? pendingRenewalKey(role).orElseThrow(() -> new CardException(CardFailure.KEY_NOT_FOUND,
                    "The card has no renewal " + role.label() + " key: start the renewal again")) : currentKey(role);
            ResponseAPDU response;
            if (role == KeyRole.SIGNATURE) {
                driver.expectSuccess("MANAGE SECURITY ENVIRONMENT (HT)", AgentCardCommands.setHashTemplate());
                expectKey(role, "MANAGE SECURITY ENVIRONMENT (DST)", driver.transmit(AgentCardCommands.setSecurityEnvironment(role, key)));
                driver.expectSuccess("PSO HASH", AgentCardCommands.hash(digest));
                response = driver.transmit(AgentCardCommands.computeDigitalSignature());
                return expectKey(role, "PSO COMPUTE DIGITAL SIGNATURE", response);
            }
            expectKey(role, "MANAGE SECURITY ENVIRONMENT (AT)", driver.transmit(AgentCardCommands.setSecurityEnvironment(role, key)));
            response = driver.transmit(AgentCardCommands.internalAuthenticate(digestInfo(algorithm, digest)));
            return expectKey(role, "INTERNAL AUTHENTICATE", response);
        });
    }

    @Override
    public void storeCertificate(KeyRole role, X509CertificateHolder certificate) {
        byte[] encoded;
        try {
            encoded = certificate.getEncoded();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot encode the certificate", e);
        }
        if (encoded.length > AgentCardLayout.CERTIFICATE_FILE_SIZE) {
            throw new CardException(CardFailure.CARD_ERROR, "The certificate (" + encoded.length
                    + " bytes) is larger than the card's file (" + AgentCardLayout.CERTIFICATE_FILE_SIZE + " bytes)");
        }
        driver.inSession(() -> {
            if (renewal && pendingRenewalKey(role).isEmpty()) {
                throw new CardException(CardFailure.KEY_NOT_FOUND, "The card has no renewal " + role.label()
                        + " key: start the renewal again");
            }
            driver.files().write(AgentCardLayout.certificateFileId(role), encoded);
            if (!renewal) {
                // A renewed certificate enters the directory with its key, when promoteRenewalKeys names that key.
                writeDirectory();
            }
            return null;
        });
    }

    /** Resets the security status: the PIN must be presented again before the keys are used (not for the renewal view). */
    @Override
    public void close() {
        if (renewal) {
            return;
        }
        try {
            driver.inSession(() -> driver.transmit(AgentCardCommands.logout()));
        } catch (CardException e) {
            // A card that left the reader has forgotten the PIN already.
        }
    }

    /** EF.ODF, EF.TokenInfo, AODF, PrKDF, PuKDF and CDF for the keys and certificates now on the card. */
    private void writeDirectory() {
        Map<KeyRole, RSAPublicKey> keys = new EnumMap<>(KeyRole.class);
        Map<KeyRole, Integer> references = new EnumMap<>(KeyRole.class);
        Set<KeyRole> certified = EnumSet.noneOf(KeyRole.class);
        ApplicationFiles files = driver.files();
        for (KeyRole role : KeyRole.values()) {
            int reference = currentKey(role);
            references.put(role, reference);
            readPublicKey(reference).ifPresent(key -> keys.put(role, (RSAPublicKey) key));
            if (!files.isEmpty(AgentCardLayout.certificateFileId(role))) {
                certified.add(role);
            }
        }
        Map<Integer, byte[]> contents = Pkcs15Files.of(driver.readSerialNumber(), keys, certified, references);
        for (int fileId : Pkcs15Files.fileIds()) {
            files.write(fileId, contents.get(fileId));
        }
    }

    /**
     * The reference of the role's key pair in use: its own, unless the role's public key file names the key of
     * its renewal reference (a renewal has been completed an odd number of times).
     */
    private int currentKey(KeyRole role) {
        int own = AgentCardLayout.keyReference(role);
        byte[] inUse = driver.files().read(AgentCardLayout.publicKeyFileId(role));
        if (inUse.length == 0 || holds(own, inUse)) {
            return own;
        }
        int other = AgentCardLayout.renewalKeyReference(role);
        return holds(other, inUse) ? other : own;
    }

    /** The reference that is not the role's key in use: where a renewal generates. */
    private int spareKey(KeyRole role) {
        int own = AgentCardLayout.keyReference(role);
        return currentKey(role) == own ? AgentCardLayout.renewalKeyReference(role) : own;
    }

    /** The reference of the key the role's renewal public key file names, while a renewal is under way. */
    private Optional<Integer> pendingRenewalKey(KeyRole role) {
        byte[] pending = driver.files().read(AgentCardLayout.renewalPublicKeyFileId(role));
        if (pending.length == 0) {
            return Optional.empty();
        }
        for (int reference : new int[] {AgentCardLayout.renewalKeyReference(role), AgentCardLayout.keyReference(role)}) {
            if (holds(reference, pending)) {
                return Optional.of(reference);
            }
        }
        return Optional.empty();
    }

    /** Whether the key pair at {@code reference} has the public key {@code pkcs1} (PKCS#1 DER). */
    private boolean holds(int reference, byte[] pkcs1) {
        return readPublicKey(reference).filter(key -> Arrays.equals(RsaPublicKeys.pkcs1((RSAPublicKey) key), pkcs1)).isPresent();
    }

    private Optional<PublicKey> readPublicKey(int reference) {
        ResponseAPDU response = driver.transmit(AgentCardCommands.readPublicKey(reference));
        StatusWord status = StatusWord.of(response);
        if (status.value() == StatusWord.REFERENCED_DATA_NOT_FOUND.value()) {
            return Optional.empty();
        }
        if (!status.isSuccess()) {
            throw status.toException("GET DATA (public key)");
        }
        return RsaPublicKeys.fromTemplate(unwrapSdo(response.getData()));
    }

    /** The contents of "70 { BF class reference length contents }". */
    private static byte[] unwrapSdo(byte[] data) {
        byte[] template = fr.cartesagents.bridge.apdu.Tlv.find(data, AgentCardLayout.SDO_TEMPLATE).orElse(new byte[0]);
        if (template.length < 4) {
            return new byte[0];
        }
        int offset = 3;
        int lengthByte = template[offset] & 0xFF;
        offset += lengthByte == 0x81 ? 2 : lengthByte == 0x82 ? 3 : 1;
        return java.util.Arrays.copyOfRange(template, Math.min(offset, template.length), template.length);
    }

    private static byte[] expectKey(KeyRole role, String operation, ResponseAPDU response) {
        StatusWord status = StatusWord.of(response);
        if (status.value() == StatusWord.REFERENCED_DATA_NOT_FOUND.value()) {
            throw new CardException(CardFailure.KEY_NOT_FOUND, "The card has no " + role.label() + " key yet: personalise it first");
        }
        if (!status.isSuccess()) {
            throw status.toException(operation);
        }
        return response.getData();
    }

    private static byte[] digest(SignatureAlgorithm algorithm, byte[] message) {
        try {
            return MessageDigest.getInstance(algorithm.digestName()).digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute the digest to sign", e);
        }
    }

    private static byte[] digestInfo(SignatureAlgorithm algorithm, byte[] digest) {
        try {
            AlgorithmIdentifier digestAlgorithm = new AlgorithmIdentifier(
                    "SHA-384".equals(algorithm.digestName()) ? NISTObjectIdentifiers.id_sha384 : NISTObjectIdentifiers.id_sha256,
                    DERNull.INSTANCE);
            return new DigestInfo(digestAlgorithm, digest).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the DigestInfo to sign", e);
        }
    }
}
