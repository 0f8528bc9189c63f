package fr.cartesagents.ra.revocation;

import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/card-revocations}, without any client certificate: either the holder
 * ({@code holderId} or {@code email}), their personal revocation {@code code} and the
 * {@code reason} ({@code loss} or {@code theft}); or the {@code token} of the one-time link mailed
 * to them.
 */
public record PublicRevocationRequest(@Size(max = 64) String holderId, @Size(max = 254) String email,
                                      @Size(max = 64) String code, @Size(max = 16) String reason,
                                      @Size(max = 128) String token) {

    @Override
    public String toString() {
        return "PublicRevocationRequest[code and token hidden]";
    }
}
