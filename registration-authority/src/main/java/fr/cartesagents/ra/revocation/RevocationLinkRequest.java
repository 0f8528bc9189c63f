package fr.cartesagents.ra.revocation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/card-revocation-requests}: who ({@code holderId} or {@code email}) and why ({@code loss} or {@code theft}). */
public record RevocationLinkRequest(@Size(max = 64) String holderId, @Size(max = 254) String email,
                                    @NotBlank @Size(max = 16) String reason) {
}
