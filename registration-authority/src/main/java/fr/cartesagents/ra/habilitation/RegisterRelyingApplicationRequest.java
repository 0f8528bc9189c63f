package fr.cartesagents.ra.habilitation;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/admin/relying-applications}: the application's name, its TLS client
 * certificate (PEM) or that certificate's SHA-256 fingerprint, and the applications it may ask about.
 */
public record RegisterRelyingApplicationRequest(@NotBlank @Size(max = 200) String name,
                                                @Size(max = 16384) String certificate,
                                                @Size(max = 100) String fingerprintSha256,
                                                @NotEmpty @Size(max = 6) List<@NotBlank @Size(max = 32) String> applications) {
}
