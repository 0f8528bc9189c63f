package fr.cartesagents.ra.habilitation;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

/**
 * The EC P-256 key that signs habilitation statements (ES256), and its public JWK whose key id is
 * its RFC 7638 thumbprint.
 */
record HabilitationSigningKey(ECPrivateKey privateKey, ECPublicKey publicKey, String keyId) {

    HabilitationSigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(keyId, "keyId");
    }

    static HabilitationSigningKey of(ECPrivateKey privateKey, ECPublicKey publicKey) {
        if (!Curve.P_256.equals(Curve.forECParameterSpec(publicKey.getParams()))) {
            throw new IllegalStateException("The habilitation signing key must be an EC P-256 key (ES256)");
        }
        try {
            String thumbprint = new ECKey.Builder(Curve.P_256, publicKey).build().computeThumbprint().toString();
            return new HabilitationSigningKey(privateKey, publicKey, thumbprint);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot compute the JWK thumbprint of the habilitation key", e);
        }
    }

    /** The public key as published in the JWK Set. */
    ECKey publicJwk() {
        return new ECKey.Builder(Curve.P_256, publicKey).keyID(keyId).keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE)
                .algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).build();
    }

    @Override
    public String toString() {
        return "HabilitationSigningKey[kid=" + keyId + "]";
    }
}
