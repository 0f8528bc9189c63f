package fr.cartesagents.ra.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Registers the web kit's handler parameters ({@link VersionedBody}, {@link IdempotentBody}, {@link VersionedMove}, {@link JsonBody}). */
@Configuration(proxyBeanMethods = false)
class WebKitConfiguration implements WebFluxConfigurer {

    private final WebKitArguments arguments;

    WebKitConfiguration(ObjectProvider<ServerCodecConfigurer> codecs, ApiEndpoints web, JsonRequests requests) {
        this.arguments = new WebKitArguments(codecs, web, requests);
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(arguments);
    }
}
