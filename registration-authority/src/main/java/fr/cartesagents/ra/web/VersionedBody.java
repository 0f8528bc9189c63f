package fr.cartesagents.ra.web;

import reactor.core.publisher.Mono;

/**
 * A handler parameter for a versioned update: the caller's {@code If-Match} and its JSON body, as the
 * typed command the service takes. Declaring {@code VersionedBody<ThingUpdate> change} replaces the
 * {@code If-Match} header, the raw body and the {@code requestBody} of {@code @Operation}
 * ({@link WebKitDocumentation} documents both from the type).
 *
 * @param command read lazily ({@link ApiEndpoints#change(String, String, Class)}): the service subscribes
 *                only after its authorization check, so a stranger learns nothing from a missing (428) or
 *                malformed (400) If-Match or a bad body
 */
public record VersionedBody<T>(Mono<VersionedChange<T>> command) {
}
