package fr.cartesagents.ra.portal;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Where the portal is: {@code https://host:8443/} sends the browser to {@code /portail/}, whose
 * page is the portal's one HTML document (the views are ES modules it loads, addressed by the URL
 * fragment: {@code /portail/#/annuaire}). The other files of {@code card-portal}'s
 * {@code META-INF/resources/portail/} are served by Spring's static resource handling.
 */
@Configuration(proxyBeanMethods = false)
class PortalPages {

    static final String HOME = "/portail/";
    private static final Resource INDEX = new ClassPathResource("META-INF/resources/portail/index.html");

    @Bean
    RouterFunction<ServerResponse> portalRoutes() {
        return RouterFunctions.route()
                .GET("/", request -> ServerResponse.status(HttpStatus.SEE_OTHER).location(URI.create(HOME)).build())
                .GET("/portail", request -> ServerResponse.status(HttpStatus.SEE_OTHER).location(URI.create(HOME)).build())
                .GET(HOME, request -> ServerResponse.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                        .cacheControl(CacheControl.noCache()).bodyValue(INDEX))
                .build();
    }
}
