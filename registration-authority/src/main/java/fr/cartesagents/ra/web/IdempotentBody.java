package fr.cartesagents.ra.web;

/**
 * A handler parameter for an idempotent POST: the {@code Idempotency-Key} header, the raw JSON body
 * and the request path the key is bound to. It is only carried: {@code web.create(principal,
 * creation, authorized, ...)} checks the caller first, then the key and the body. {@link WebKitDocumentation}
 * documents the header and the body.
 *
 * @param key        the {@code Idempotency-Key} header, null when absent (400 once the caller is authorized)
 * @param path       the mapping's pattern with its variables, UUIDs written as {@link java.util.UUID#toString()}
 *                   does: what the key is bound to
 * @param collection where a created record is found ({@code Location: <collection>/<id>}); the path
 *                   unless the handler says otherwise ({@link #createdUnder})
 * @param body       the raw body, null when empty
 * @param type       what the body must read as
 */
public record IdempotentBody<T>(String key, String path, String collection, String body, Class<T> type) {

    /** The same request, its created record found under {@code collection} (a mayor's term under {@code …/roles}). */
    public IdempotentBody<T> createdUnder(String collection) {
        return new IdempotentBody<>(key, path, collection, body, type);
    }
}
