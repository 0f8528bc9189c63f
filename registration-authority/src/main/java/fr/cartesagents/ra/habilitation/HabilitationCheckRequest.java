package fr.cartesagents.ra.habilitation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a relying application asks: is the holder of this certificate — given whole ({@code certificate},
 * PEM) or by {@code issuer} (RFC 4514 distinguished name) and {@code serial} (hexadecimal) —
 * habilitated for {@code application}, and where?
 */
public record HabilitationCheckRequest(@Size(max = 16384) String certificate,
                                       @Size(max = 1024) String issuer,
                                       @Size(max = 64) String serial,
                                       @NotBlank @Size(max = 32) String application) {
}
