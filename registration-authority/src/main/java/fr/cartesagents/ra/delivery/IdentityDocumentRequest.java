package fr.cartesagents.ra.delivery;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The identity document the holder shows at the hand-over: its kind, number, expiry and machine readable zone. */
public record IdentityDocumentRequest(
        @NotNull @Pattern(regexp = "cni|passport|titre_de_sejour") String kind,
        @NotBlank @Size(max = 20) String number,
        @NotNull LocalDate expiresOn,
        @NotBlank @Size(max = 200) String mrz) {

    /** Never shows the number or the zone: a request that reaches a log leaks nothing. */
    @Override
    public String toString() {
        return "IdentityDocumentRequest[kind=" + kind + ", expiresOn=" + expiresOn + "]";
    }
}
