package fr.cartesagents.ra.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link MissingSettingsException} as the list of the missing properties, once, without a stack trace. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        StringBuilder description = new StringBuilder("The production profile creates no key and no embedded database; "
                + cause.missing().size() + " required properties are not set:");
        cause.missing().forEach(name -> description.append(System.lineSeparator()).append("    ").append(name));
        return new FailureAnalysis(description.toString(),
                "Set each of them (in application-production.yml, or as environment variables such as SPRING_R2DBC_URL or"
                        + " CARTES_PKI_ISSUING_TOKEN_PIN), as docs/operations/deployment.md describes, then start again.",
                cause);
    }
}
