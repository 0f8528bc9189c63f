package fr.cartesagents.ra.web;

/**
 * A handler parameter for an idempotent creating POST: the {@code Idempotency-Key} header, the raw
 * JSON body and the collection path the key is bound to. It is only carried: {@code web.create(principal,
 * creation, authorized, ...)} checks the caller first, then the key and the body. {@link WebKitDocumentation}
 * documents the header and the body.
 *
 * @param key  the {@code Idempotency-Key} header, null when absent (400 once the caller is authorized)
 * @param path the collection the created record joins ({@code Location: <path>/<id>}), the mapping's
 *             pattern with its variables, UUIDs written as {@link java.util.UUID#toString()} does
 * @param body the raw body, null when empty
 * @param type what the body must read as
 */
public record IdempotentBody<T>(String key, String path, String body, Class<T> type) {
}
