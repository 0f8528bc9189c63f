package fr.cartesagents.ra.web;

import java.lang.annotation.Annotation;
import java.util.Arrays;

import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.security.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;

/**
 * Documents the web kit's handler parameters in the OpenAPI description, so that {@code @Operation}
 * needs no {@code requestBody}: a {@link VersionedBody VersionedBody<T>} is the {@code If-Match}
 * header and a JSON body of schema {@code T}, an {@link IdempotentBody IdempotentBody<T>} the
 * {@code Idempotency-Key} header and that body, a {@link VersionedMove} the {@code If-Match} header, a
 * {@link JsonBody JsonBody<T>} the body alone.
 * The headers are optional in the description, as they are on the wire: their absence is a
 * documented problem (428, 400), not a rejected request. The {@code Actor} parameter is the caller
 * of the TLS session, so it is left out of the description.
 */
@Component
class WebKitDocumentation implements GlobalOperationComponentsCustomizer {

    static {
        // Not query parameters: this class describes the web kit's; the caller (Actor) comes from the TLS session.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(VersionedBody.class, IdempotentBody.class, VersionedMove.class,
                JsonBody.class, Actor.class);
    }

    /** Springdoc's settings exist only where springdoc runs (not in a context without a web server). */
    private final ObjectProvider<SpringDocConfigProperties> springdoc;

    WebKitDocumentation(ObjectProvider<SpringDocConfigProperties> springdoc) {
        this.springdoc = springdoc;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        return operation; // springdoc calls the variant with the components
    }

    @Override
    public Operation customize(Operation operation, Components components, HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (VersionedMove.class.equals(type)) {
                operation.addParametersItem(header(HttpHeaders.IF_MATCH));
            } else if (VersionedBody.class.equals(type) || IdempotentBody.class.equals(type) || JsonBody.class.equals(type)) {
                if (!JsonBody.class.equals(type)) {
                    operation.addParametersItem(header(VersionedBody.class.equals(type) ? HttpHeaders.IF_MATCH : IdempotentRequest.HEADER));
                }
                operation.requestBody(body(components, WebKitArguments.bodyType(parameter), handler));
            }
        }
        return operation;
    }

    private static Parameter header(String name) {
        return new HeaderParameter().name(name).required(false).schema(new StringSchema());
    }

    private RequestBody body(Components components, Class<?> type, HandlerMethod handler) {
        Schema<?> schema = SpringDocAnnotationsUtils.extractSchema(components, type, null,
                new Annotation[0], springdoc.getObject().getSpecVersion());
        Content content = new Content();
        for (String mediaType : consumes(handler)) {
            content.addMediaType(mediaType, new io.swagger.v3.oas.models.media.MediaType().schema(schema));
        }
        return new RequestBody().content(content);
    }

    private static String[] consumes(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                RequestMapping.class);
        return mapping == null || mapping.consumes().length == 0 ? new String[] {MediaType.APPLICATION_JSON_VALUE}
                : Arrays.copyOf(mapping.consumes(), mapping.consumes().length);
    }
}
