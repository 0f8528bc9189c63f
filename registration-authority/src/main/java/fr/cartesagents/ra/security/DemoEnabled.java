package fr.cartesagents.ra.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the demo (the demo login and its seeded users) exists: it gives anyone who reaches the API
 * an auditor's nationwide read, so it is opt-in. Never under the {@code production} profile; on when
 * the {@code demo} profile is named; otherwise only on the embedded database, that is the README's
 * run command on a developer's machine ({@code spring.r2dbc.url} unset). A server pointed at a real
 * PostgreSQL without the {@code demo} profile has no demo, whatever else it is configured with.
 */
public final class DemoEnabled implements Condition {

    public static final String DEMO_PROFILE = "demo";
    static final String PRODUCTION_PROFILE = "production";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return in(context.getEnvironment());
    }

    public static boolean in(Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            return false;
        }
        if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
            return true;
        }
        return environment.getProperty("spring.r2dbc.url", "").isBlank();
    }
}
