package fr.cartesagents.ra.problem;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Request bodies are bounded ({@code cartes.http.max-request-size}, default 256 KiB): a declared
 * Content-Length above the limit is refused with a 413 problem before the body is read, and the
 * codecs refuse to buffer more than the limit for chunked bodies (turned into a 413 by
 * {@link ProblemExceptionHandler}). Reference data uploads ({@value #REFERENCE_DATA_PATH}...) are
 * streamed one entry at a time, each entry within the codec limit: their declared length may reach
 * {@code cartes.http.max-reference-data-size} (default 64 MiB; the official communes file is 9 MB).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit implements WebFilter {

    static final String REFERENCE_DATA_PATH = "/api/v1/admin/reference-data/";

    private final long maxBytes;
    private final long maxReferenceDataBytes;
    private final ProblemWriter writer;

    RequestSizeLimit(RequestSizeProperties sizes, ProblemWriter writer) {
        this.maxBytes = sizes.maxRequestSize().toBytes();
        this.maxReferenceDataBytes = sizes.maxReferenceDataSize().toBytes();
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        long limit = exchange.getRequest().getPath().value().startsWith(REFERENCE_DATA_PATH) ? maxReferenceDataBytes : maxBytes;
        if (declared > limit) {
            return writer.write(exchange, ProblemException.localized(ProblemType.REQUEST_TOO_LARGE, "request.too-large",
                    String.valueOf(declared), String.valueOf(limit)));
        }
        return chain.filter(exchange);
    }

    @Configuration(proxyBeanMethods = false)
    static class CodecLimit implements WebFluxConfigurer {

        private final DataSize maxSize;

        CodecLimit(RequestSizeProperties sizes) {
            this.maxSize = sizes.maxRequestSize();
        }

        @Override
        public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
            configurer.defaultCodecs().maxInMemorySize((int) maxSize.toBytes());
        }
    }
}
