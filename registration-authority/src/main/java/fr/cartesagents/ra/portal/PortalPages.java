package fr.cartesagents.ra.portal;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Where the portal is: {@code https://host:8443/} sends the browser to {@code /portail/}, whose
 * page is the portal's one HTML document (the views are ES modules it loads, addressed by the URL
 * fragment: {@code /portail/#/annuaire}). The other files of {@code card-portal}'s
 * {@code META-INF/resources/portail/} are served by Spring's static resource handling.
 */
@Controller
@Hidden
class PortalPages {

    static final String HOME = "/portail/";
    private static final Resource INDEX = new ClassPathResource("META-INF/resources/portail/index.html");

    @GetMapping({"/", "/portail"})
    ResponseEntity<Void> toThePortal() {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(HOME)).build();
    }

    /**
     * The one-time link of a lost-card declaration ({@code …/portail/revocation#jeton=…}, mailed by
     * the revocation feature): the token is in the fragment, which never reaches a server or its
     * logs; the browser keeps it across this redirect and the page opens the declaration's view.
     */
    @GetMapping(HOME + "revocation")
    ResponseEntity<Void> revocationLink() {
        return toThePortal();
    }

    @GetMapping(HOME)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(INDEX);
    }
}
