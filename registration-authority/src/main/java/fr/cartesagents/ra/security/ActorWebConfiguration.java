package fr.cartesagents.ra.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Registers the {@link Actor} parameter of handlers. */
@Configuration(proxyBeanMethods = false)
class ActorWebConfiguration implements WebFluxConfigurer {

    private final Actors actors;

    ActorWebConfiguration(Actors actors) {
        this.actors = actors;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new ActorArgumentResolver(actors));
    }
}
