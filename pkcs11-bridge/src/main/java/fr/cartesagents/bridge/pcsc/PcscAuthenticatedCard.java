package fr.cartesagents.bridge.pcsc;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;

import javax.smartcardio.ResponseAPDU;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * The keys of an agent card whose PIN was verified over PC/SC: RSA 2048 key pairs generated on the
 * card, PKCS#1 v1.5 signatures of a DigestInfo computed here (PSO COMPUTE DIGITAL SIGNATURE for the
 * signature key, INTERNAL AUTHENTICATE for the authentication key), certificates in the role's file.
 */
final class PcscAuthenticatedCard implements AuthenticatedCard {

    private final PcscCardDriver driver;

    PcscAuthenticatedCard(PcscCardDriver driver) {
        this.driver = driver;
    }

    @Override
    public PublicKey generateKeyPair(KeyRole role, KeySpec spec) {
        if (spec != KeySpec.RSA_2048) {
            throw new CardException(CardFailure.NOT_SUPPORTED, "The card generates RSA 2048 keys only, not " + spec);
        }
        return driver.inSession(() -> {
            PublicKey key = rsaPublicKey(driver.expectSuccess("GENERATE ASYMMETRIC KEY PAIR", AgentCardCommands.generateKeyPair(role)));
            // A certificate of the replaced key must not stay next to the new one.
            driver.expectSuccess("SELECT certificate file", AgentCardCommands.selectCertificateFile(role));
            driver.expectSuccess("ERASE BINARY", AgentCardCommands.eraseBinary());
            return key;
        });
    }

    @Override
    public Optional<PublicKey> publicKey(KeyRole role) {
        return driver.inSession(() -> {
            ResponseAPDU response = driver.transmit(AgentCardCommands.readPublicKey(role));
            StatusWord status = StatusWord.of(response);
            if (status.value() == StatusWord.REFERENCED_DATA_NOT_FOUND.value()) {
                return Optional.empty();
            }
            if (!status.isSuccess()) {
                throw status.toException("GENERATE ASYMMETRIC KEY PAIR (read)");
            }
            return Optional.of(rsaPublicKey(response.getData()));
        });
    }

    @Override
    public byte[] sign(KeyRole role, SignatureAlgorithm algorithm, byte[] message) {
        if (!algorithm.isRsa()) {
            throw new CardException(CardFailure.NOT_SUPPORTED, "The card signs with RSA keys only, not " + algorithm.jcaName());
        }
        byte[] digestInfo = digestInfo(algorithm, message);
        return driver.inSession(() -> {
            driver.expectSuccess("MANAGE SECURITY ENVIRONMENT", AgentCardCommands.setSecurityEnvironment(role));
            ResponseAPDU response = driver.transmit(role == KeyRole.SIGNATURE
                    ? AgentCardCommands.computeDigitalSignature(digestInfo)
                    : AgentCardCommands.internalAuthenticate(digestInfo));
            StatusWord status = StatusWord.of(response);
            if (status.value() == StatusWord.REFERENCED_DATA_NOT_FOUND.value()) {
                throw new CardException(CardFailure.KEY_NOT_FOUND, "The card has no " + role.label()
                        + " key yet: personalise it first");
            }
            if (!status.isSuccess()) {
                throw status.toException(role == KeyRole.SIGNATURE ? "PSO COMPUTE DIGITAL SIGNATURE" : "INTERNAL AUTHENTICATE");
            }
            return response.getData();
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
            driver.expectSuccess("SELECT certificate file", AgentCardCommands.selectCertificateFile(role));
            driver.expectSuccess("ERASE BINARY", AgentCardCommands.eraseBinary());
            StatusWord written = StatusWord.of(driver.transmitChained(AgentCardCommands.updateBinary(encoded)));
            if (!written.isSuccess()) {
                throw written.toException("UPDATE BINARY");
            }
            return null;
        });
    }

    /** Resets the security status: the PIN must be presented again before the keys are used. */
    @Override
    public void close() {
        try {
            driver.inSession(() -> driver.transmit(AgentCardCommands.logout()));
        } catch (CardException e) {
            // A card that left the reader has forgotten the PIN already.
        }
    }

    private static byte[] digestInfo(SignatureAlgorithm algorithm, byte[] message) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm.digestName()).digest(message);
            AlgorithmIdentifier digestAlgorithm = new AlgorithmIdentifier(
                    "SHA-384".equals(algorithm.digestName()) ? NISTObjectIdentifiers.id_sha384 : NISTObjectIdentifiers.id_sha256,
                    DERNull.INSTANCE);
            return new DigestInfo(digestAlgorithm, digest).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot compute the digest to sign", e);
        }
    }

    private static PublicKey rsaPublicKey(byte[] template) {
        byte[] inner = Tlv.find(template, AgentCardLayout.PUBLIC_KEY_TEMPLATE).orElseThrow(() -> malformedKey());
        BigInteger modulus = new BigInteger(1, Tlv.find(inner, AgentCardLayout.RSA_MODULUS).orElseThrow(() -> malformedKey()));
        BigInteger exponent = new BigInteger(1, Tlv.find(inner, AgentCardLayout.RSA_EXPONENT).orElseThrow(() -> malformedKey()));
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new CardException(CardFailure.CARD_ERROR, "The card returned an unusable RSA public key", e);
        }
    }

    private static CardException malformedKey() {
        return new CardException(CardFailure.CARD_ERROR, "The card returned a malformed public key template");
    }
}
