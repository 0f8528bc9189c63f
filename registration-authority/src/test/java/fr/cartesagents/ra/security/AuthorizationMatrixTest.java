package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;

import fr.cartesagents.ra.security.AuthorizationMatrix.Row;
import fr.cartesagents.ra.testsupport.RunningServer;

/**
 * Every route of the application has a row in the authorization matrix ({@link AuthorizationMatrix}),
 * in exactly one of its families. The routes are read from Spring's handler mappings (annotated
 * controllers, actuator, router functions): a route without a row fails this test by name, so that
 * no endpoint escapes authorization; each family's test then calls its routes as every caller.
 */
class AuthorizationMatrixTest extends RunningServer {

    /** The families of rows; a new family is added here. */
    static final List<Map<String, Row>> FAMILIES = List.of(PlatformAuthorizationMatrixTest.ROUTES,
            TerritoryAuthorizationMatrixTest.ROUTES, DirectoryAuthorizationMatrixTest.ROUTES,
            HabilitationAuthorizationMatrixTest.ROUTES, CardAuthorizationMatrixTest.ROUTES);

    /** Every row of every family. */
    static final Map<String, Row> ROUTES = new LinkedHashMap<>();

    static {
        FAMILIES.forEach(ROUTES::putAll);
    }

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteOfTheApplicationHasARowInTheTable() {
        Set<String> routes = routesOfTheApplication();
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(ROUTES.keySet());
        Set<String> stale = new TreeSet<>(ROUTES.keySet());
        stale.removeAll(routes);
        assertThat(Map.of("routes without a row in ROUTES (say who may call them)", missing,
                "rows of ROUTES for routes that no longer exist", stale))
                .as("AuthorizationMatrixTest.ROUTES against the application's routes")
                .allSatisfy((problem, names) -> assertThat(names).as(problem).isEmpty());
    }

    @Test
    void everyRowIsInOneFamilyOnly() {
        Set<String> seen = new TreeSet<>();
        Set<String> twice = new TreeSet<>();
        FAMILIES.forEach(family -> family.keySet().forEach(route -> {
            if (!seen.add(route)) {
                twice.add(route);
            }
        }));
        assertThat(twice).as("routes with a row in two families").isEmpty();
    }


    /** "METHOD pattern" for every route the application maps. */
    private Set<String> routesOfTheApplication() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
                if (methods.isEmpty()) {
                    methods.add("ANY");
                }
                for (var pattern : info.getPatternsCondition().getPatterns()) {
                    methods.forEach(method -> routes.add(method + " " + pattern.getPatternString()));
                }
            }
        }
        for (RouterFunctionMapping mapping : context.getBeansOfType(RouterFunctionMapping.class).values()) {
            RouterFunction<?> functions = mapping.getRouterFunction();
            if (functions != null) {
                functions.accept(new RouteCollector(routes));
            }
        }
        return routes;
    }

    /** Router functions' routes, named by their predicate (e.g. "(GET && /api/v1/x)"). */
    private record RouteCollector(Set<String> routes) implements RouterFunctions.Visitor {
        @Override
        public void startNested(RequestPredicate predicate) {
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            routes.add("ROUTER " + predicate);
        }

        @Override
        public void resources(java.util.function.Function<org.springframework.web.reactive.function.server.ServerRequest,
                reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {
            routes.add("ROUTER resources " + lookupFunction);
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            routes.add("ROUTER " + routerFunction);
        }
    }
}
