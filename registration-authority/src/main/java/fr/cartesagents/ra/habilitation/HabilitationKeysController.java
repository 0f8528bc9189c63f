package fr.cartesagents.ra.habilitation;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jose.jwk.JWKSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The public key of the habilitation statements, as a JWK Set, on the public (plain-HTTP) PKI listener. */
@RestController
@Tag(name = "Habilitation checks")
record HabilitationKeysController(HabilitationSigningKey key) {

    static final String PATH = "/pki/habilitation-keys.json";
    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    @Operation(summary = "The JWK Set that verifies habilitation statements (public, plain HTTP)")
    @GetMapping(path = PATH)
    ResponseEntity<String> keys() {
        return ResponseEntity.ok().contentType(JWK_SET).cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .body(new JWKSet(key.publicJwk()).toString(true));
    }
}
