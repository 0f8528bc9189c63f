package fr.cartesagents.ra.habilitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs a habilitation answer as a short-lived JWS (compact serialization, ES256) that a relying
 * application verifies offline with the key published at {@code /pki/habilitation-keys.json}.
 */
final class HabilitationStatements {

    /** The {@code typ} header: tells a statement from any other JWT signed with a P-256 key. */
    static final JOSEObjectType TYPE = new JOSEObjectType("habilitation-statement+jwt");

    private final HabilitationSigningKey key;
    private final Clock clock;
    private final Duration lifetime;
    private final String issuer;

    HabilitationStatements(HabilitationSigningKey key, Clock clock, Duration lifetime, String issuer) {
        this.key = key;
        this.clock = clock;
        this.lifetime = lifetime;
        this.issuer = issuer;
    }

    Statement sign(HabilitationAnswer answer, String audience) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime);
        List<Map<String, Object>> collectivities = answer.collectivities().stream()
                .map(right -> {
                    Map<String, Object> claim = new java.util.LinkedHashMap<>();
                    claim.put("siren", right.siren());
                    claim.put("insee", right.inseeCode());
                    claim.put("name", right.name());
                    claim.put("level", right.level());
                    if (!right.memberInseeCodes().isEmpty()) {
                        claim.put("member_insee", right.memberInseeCodes());
                    }
                    return claim;
                })
                .toList();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("habilitated", answer.habilitated())
                .claim("application", answer.application())
                .claim("certificate_serial", answer.certificateSerial())
                .claim("certificate_issuer", answer.certificateIssuer())
                .claim("collectivities", collectivities);
        if (answer.holderId() != null) {
            claims.subject(answer.holderId()).claim("holder_id", answer.holderId());
        }
        if (answer.reason() != null) {
            claims.claim("reason", answer.reason());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(key.keyId()).build(),
                claims.build());
        try {
            jwt.sign(new ECDSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the habilitation statement", e);
        }
        return new Statement(jwt.serialize(), expiresAt, key.keyId());
    }

    /** A signed statement as the API returns it. */
    record Statement(String statement, Instant expiresAt, String keyId) {
    }
}
