package fr.cartesagents.ra.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.RequestBodyMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

import fr.cartesagents.ra.idempotency.IdempotentRequest;
import reactor.core.publisher.Mono;

/**
 * Gives handlers the web kit's parameters, {@link VersionedBody}, {@link IdempotentBody}, {@link VersionedMove}
 * and {@link JsonBody}. Nothing is
 * checked here (the service, or {@link ApiEndpoints#create}, authorizes first); the parts are read
 * exactly as the annotated parameters they replace read them: the body as {@code @RequestBody(required
 * = false) String} (same codecs, so the same size limit, charset and media type handling), a header as
 * {@code @RequestHeader(required = false) String} (several values joined by commas).
 */
final class WebKitArguments implements HandlerMethodArgumentResolver {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/:]+)}");
    private static final MethodParameter TEXT_BODY = textBodyParameter();
    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final ObjectProvider<ServerCodecConfigurer> codecs;
    private final ApiEndpoints web;
    private final JsonRequests requests;
    private volatile RequestBodyMethodArgumentResolver bodyReader;

    WebKitArguments(ObjectProvider<ServerCodecConfigurer> codecs, ApiEndpoints web, JsonRequests requests) {
        this.codecs = codecs;
        this.web = web;
        this.requests = requests;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return VersionedBody.class.equals(type) || IdempotentBody.class.equals(type) || VersionedMove.class.equals(type)
                || JsonBody.class.equals(type);
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        if (VersionedMove.class.equals(parameter.getParameterType())) {
            // no body to read: the mapping declares none
            return Mono.just(new VersionedMove(web.ifMatch(header(exchange, HttpHeaders.IF_MATCH))));
        }
        return bodyReader().resolveArgument(TEXT_BODY, context, exchange)
                .map(text -> Optional.of((String) text))
                .defaultIfEmpty(Optional.empty())
                .map(body -> parameter(parameter, exchange, body.orElse(null), bodyType(parameter)));
    }

    private <T> Object parameter(MethodParameter parameter, ServerWebExchange exchange, String body, Class<T> type) {
        Class<?> kind = parameter.getParameterType();
        if (VersionedBody.class.equals(kind)) {
            return new VersionedBody<>(header(exchange, HttpHeaders.IF_MATCH), body, type, requests);
        }
        if (JsonBody.class.equals(kind)) {
            return new JsonBody<>(body, type, requests);
        }
        String path = matchedPath(parameter, exchange);
        return new IdempotentBody<>(header(exchange, IdempotentRequest.HEADER), path, path, body, type);
    }

    private static String header(ServerWebExchange exchange, String name) {
        List<String> values = exchange.getRequest().getHeaders().get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /**
     * The matched mapping's path with its variables filled in; a variable the handler takes as a
     * {@code UUID} is written as {@link UUID#toString()} does, as the controllers wrote it by hand.
     */
    private static String matchedPath(MethodParameter parameter, ServerWebExchange exchange) {
        PathPattern pattern = exchange.getRequiredAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Map<String, String> variables = exchange.getAttributeOrDefault(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of());
        Matcher matcher = VARIABLE.matcher(pattern.getPatternString());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            matcher.appendReplacement(path, Matcher.quoteReplacement(variable(parameter, name, variables.get(name))));
        }
        return matcher.appendTail(path).toString();
    }

    private static String variable(MethodParameter parameter, String name, String value) {
        if (value == null || !isUuidVariable(parameter, name)) {
            return value;
        }
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            return value; // the handler's own @PathVariable UUID answers the 400
        }
    }

    private static boolean isUuidVariable(MethodParameter parameter, String name) {
        for (int i = 0; i < parameter.getMethod().getParameterCount(); i++) {
            MethodParameter other = new MethodParameter(parameter.getMethod(), i);
            other.initParameterNameDiscovery(NAMES);
            PathVariable variable = other.getParameterAnnotation(PathVariable.class);
            if (variable != null && UUID.class.equals(other.getParameterType()) && name.equals(variableName(variable, other))) {
                return true;
            }
        }
        return false;
    }

    private static String variableName(PathVariable variable, MethodParameter parameter) {
        return !variable.name().isEmpty() ? variable.name() : !variable.value().isEmpty() ? variable.value() : parameter.getParameterName();
    }

    /** The body type {@code T} a web kit parameter ({@code VersionedBody<T>}, {@code IdempotentBody<T>}, {@code JsonBody<T>}) names. */
    static Class<?> bodyType(MethodParameter parameter) {
        Class<?> type = ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve();
        if (type == null) {
            throw new IllegalStateException(parameter + " must name the type of its body");
        }
        return type;
    }

    private RequestBodyMethodArgumentResolver bodyReader() {
        RequestBodyMethodArgumentResolver reader = bodyReader;
        if (reader == null) {
            // resolved at the first request: the codec configurer is built by the WebFlux configuration that registers us
            reader = new RequestBodyMethodArgumentResolver(codecs.getObject().getReaders(), ReactiveAdapterRegistry.getSharedInstance());
            bodyReader = reader;
        }
        return reader;
    }

    private static MethodParameter textBodyParameter() {
        try {
            return new MethodParameter(WebKitArguments.class.getDeclaredMethod("textBody", String.class), 0);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The declaration whose reading the body reuses. */
    @SuppressWarnings("unused")
    private static void textBody(@RequestBody(required = false) String body) {
    }
}
