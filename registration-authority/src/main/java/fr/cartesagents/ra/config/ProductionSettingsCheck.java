package fr.cartesagents.ra.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Under the {@code production} profile, checks every feature's {@link ProductionSettings} once the
 * configuration is read and before any bean exists, and stops the start with one
 * {@link MissingSettingsException} naming all that is missing (reported by
 * {@link MissingSettingsFailureAnalyzer} as a short list, not a stack trace).
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

    public static final String PRODUCTION_PROFILE = "production";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            return;
        }
        Binder settings = Binder.get(environment);
        List<String> missing = new ArrayList<>();
        for (ProductionSettings feature : SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(ProductionSettings.class)) {
            feature.missing(settings).stream().filter(name -> !missing.contains(name)).forEach(missing::add);
        }
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    /** After the configuration files and the profiles are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
