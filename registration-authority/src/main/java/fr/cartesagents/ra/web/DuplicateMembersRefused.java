package fr.cartesagents.ra.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.StreamReadFeature;

/**
 * A JSON member given twice ({@code {"level": "utilisateur", "level": "officier"}}) is refused with a
 * 400, not read as its last value: a front or a log that reads the first one would otherwise see
 * another request than the one the server runs.
 */
@Configuration(proxyBeanMethods = false)
class DuplicateMembersRefused {

    @Bean
    JsonMapperBuilderCustomizer strictDuplicateDetection() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
