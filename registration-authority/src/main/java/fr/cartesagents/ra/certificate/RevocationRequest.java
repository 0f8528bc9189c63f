package fr.cartesagents.ra.certificate;

/**
 * {@code POST /api/v1/admin/certificates/{serial}/revocation}: the RFC 5280 reason name (e.g.
 * {@code keyCompromise}) and, optionally, when the key is known to have become unsafe (ISO-8601).
 */
public record RevocationRequest(String reason, String invalidityDate) {
}
