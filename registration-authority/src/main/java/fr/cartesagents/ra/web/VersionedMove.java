package fr.cartesagents.ra.web;

import reactor.core.publisher.Mono;

/**
 * A handler parameter for a versioned move without a body (a withdrawal, an approval, a
 * departure): the caller's {@code If-Match}. {@link WebKitDocumentation} documents the header.
 *
 * @param expected the version the caller read, lazily ({@link ApiEndpoints#ifMatch}): 428 when absent and
 *                 400 when malformed, once the service has checked the caller's rights and subscribes
 */
public record VersionedMove(Mono<EntityVersion> expected) {
}
