package fr.cartesagents.ca.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_KEY_TYPE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PUBLIC_EXPONENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * Signing key pairs on a PKCS#11 token, shared by the CA token and the card bridge: how they are
 * generated (private half sensitive, never extractable, sign only) and how their public half is read.
 */
public final class Pkcs11KeyPairs {

    private Pkcs11KeyPairs() {
    }

    public static Mechanism generationMechanism(KeySpec spec) {
        return new Mechanism(spec.isRsa() ? CKM_RSA_PKCS_KEY_PAIR_GEN : CKM_EC_KEY_PAIR_GEN);
    }

    /** Token objects labelled {@code label} with CKA_ID {@code id}; the private key signs and does nothing else. */
    public static KeyPairTemplate signingKeyPairTemplate(String label, byte[] id, KeySpec spec) {
        AttributeVector publicKey = (spec.isRsa() ? AttributeVector.newRSAPublicKey() : AttributeVector.newECPublicKey())
                .token(true)
                .private_(false)
                .label(label)
                .id(id)
                .verify(true)
                .encrypt(false)
                .wrap(false);
        if (spec.isRsa()) {
            publicKey.modulusBits(spec.size()).publicExponent(BigInteger.valueOf(65537));
        } else {
            publicKey.ecParams(Pkcs11Encodings.ecParameters(spec));
        }
        AttributeVector privateKey = (spec.isRsa() ? AttributeVector.newRSAPrivateKey() : AttributeVector.newECPrivateKey())
                .token(true)
                .private_(true)
                .sensitive(true)
                .extractable(false)
                .label(label)
                .id(id)
                .sign(true)
                .decrypt(false)
                .unwrap(false)
                .derive(false);
        return new KeyPairTemplate(privateKey, publicKey);
    }

    /**
     * The JCA form of the RSA or EC public key object {@code handle}.
     *
     * @throws GeneralSecurityException if the key is neither RSA nor EC, or its attributes are unreadable
     */
    public static PublicKey readPublicKey(Session session, long handle) throws PKCS11Exception, GeneralSecurityException {
        Long keyType = session.getAttrValues(handle, CKA_KEY_TYPE).keyType();
        if (keyType != null && keyType == CKK_RSA) {
            AttributeVector attributes = session.getAttrValues(handle, CKA_MODULUS, CKA_PUBLIC_EXPONENT);
            return Pkcs11Encodings.rsaPublicKey(attributes.modulus(), attributes.publicExponent());
        }
        if (keyType != null && keyType == CKK_EC) {
            AttributeVector attributes = session.getAttrValues(handle, CKA_EC_PARAMS, CKA_EC_POINT);
            return Pkcs11Encodings.ecPublicKey(attributes.ecParams(), attributes.ecPoint());
        }
        throw new GeneralSecurityException("The public key is neither RSA nor EC");
    }
}
