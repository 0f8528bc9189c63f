package fr.cartesagents.ra.habilitation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A verifier of habilitation statements written as a relying application might, with the JDK alone
 * (no JOSE library): the key from the JWK Set's x and y, ES256 over "header.payload", then the
 * time claims. It shares no code with the server's signer.
 */
final class IndependentStatementVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final ECPublicKey key;
    private final String keyId;

    private IndependentStatementVerifier(ECPublicKey key, String keyId) {
        this.key = key;
        this.keyId = keyId;
    }

    /** From the JSON of {@code /pki/habilitation-keys.json}: its first (only) key. */
    static IndependentStatementVerifier fromJwkSet(String jwkSetJson) throws GeneralSecurityException {
        JsonNode jwk = JSON.readTree(jwkSetJson).get("keys").get(0);
        if (!"EC".equals(jwk.get("kty").asString()) || !"P-256".equals(jwk.get("crv").asString())) {
            throw new GeneralSecurityException("Not a P-256 key");
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, BASE64URL.decode(jwk.get("x").asString())),
                new BigInteger(1, BASE64URL.decode(jwk.get("y").asString())));
        ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        return new IndependentStatementVerifier(key, jwk.get("kid").asString());
    }

    ECPublicKey key() {
        return key;
    }

    /** The claims of a statement whose signature holds and that is valid at {@code now}; otherwise an exception. */
    JsonNode verify(String compact, Instant now) throws GeneralSecurityException {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new GeneralSecurityException("Not a compact JWS");
        }
        JsonNode header = JSON.readTree(BASE64URL.decode(parts[0]));
        if (!"ES256".equals(header.get("alg").asString()) || !keyId.equals(header.get("kid").asString())) {
            throw new GeneralSecurityException("Unexpected alg or kid: " + header);
        }
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(key);
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!es256.verify(BASE64URL.decode(parts[2]))) {
            throw new GeneralSecurityException("Bad signature");
        }
        JsonNode claims = JSON.readTree(BASE64URL.decode(parts[1]));
        long issuedAt = claims.get("iat").asLong();
        long expires = claims.get("exp").asLong();
        if (expires - issuedAt > 300) {
            throw new GeneralSecurityException("Lives longer than 5 minutes");
        }
        if (now.getEpochSecond() >= expires) {
            throw new GeneralSecurityException("Expired at " + Instant.ofEpochSecond(expires));
        }
        if (now.getEpochSecond() + 60 < issuedAt) {
            throw new GeneralSecurityException("Issued in the future");
        }
        return claims;
    }

    /** The signature in the DER form (SEQUENCE of two INTEGERs) that openssl dgst -verify reads. */
    static byte[] derSignature(String compact) {
        byte[] raw = BASE64URL.decode(compact.split("\\.")[2]);
        byte[] r = derInteger(new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, 32)));
        byte[] s = derInteger(new BigInteger(1, java.util.Arrays.copyOfRange(raw, 32, 64)));
        byte[] sequence = new byte[2 + r.length + s.length];
        sequence[0] = 0x30;
        sequence[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, sequence, 2, r.length);
        System.arraycopy(s, 0, sequence, 2 + r.length, s.length);
        return sequence;
    }

    private static byte[] derInteger(BigInteger value) {
        byte[] magnitude = value.toByteArray(); // two's complement: a leading 0 when the high bit is set
        byte[] integer = new byte[2 + magnitude.length];
        integer[0] = 0x02;
        integer[1] = (byte) magnitude.length;
        System.arraycopy(magnitude, 0, integer, 2, magnitude.length);
        return integer;
    }
}
