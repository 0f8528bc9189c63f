package fr.cartesagents.ra.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cartes.security.*}.
 *
 * @param administratorFingerprints SHA-256 fingerprints of the administrators' client certificates
 *                                  (required by the production profile; the demo registers its own)
 * @param trustedFronts             SHA-256 fingerprints of the fronts allowed to forward {@code X-Client-Certificate}
 * @param demo                      the demo login
 */
@Validated
@ConfigurationProperties("cartes.security")
public record SecurityProperties(@DefaultValue List<String> administratorFingerprints, @DefaultValue List<String> trustedFronts,
                                 @DefaultValue Demo demo) {

    public SecurityProperties {
        administratorFingerprints = List.copyOf(administratorFingerprints);
        trustedFronts = List.copyOf(trustedFronts);
    }

    /** @param tokenValidity how long a demo bearer token is valid (default one hour) */
    public record Demo(@DefaultValue("PT1H") Duration tokenValidity) {

        public Demo {
            if (tokenValidity.isNegative() || tokenValidity.isZero()) {
                throw new IllegalArgumentException("cartes.security.demo.token-validity must be positive, not " + tokenValidity);
            }
        }
    }

    /** Configured fingerprints, blanks dropped, in the normalized form. */
    static Set<String> fingerprints(List<String> configured) {
        return configured.stream().filter(f -> !f.isBlank()).map(CertificateFingerprint::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }
}
