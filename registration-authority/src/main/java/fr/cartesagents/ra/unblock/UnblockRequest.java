package fr.cartesagents.ra.unblock;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/cards/{cardId}/unblock}: the mailed {@code code}; optionally the serial the
 * card in the reader reports ({@code cardSerial}, checked against the card's), and the card's
 * {@code challenge} (base64) when the card is unblocked by challenge-response rather than by PUK.
 */
public record UnblockRequest(@NotBlank @Size(max = 16) String code, @Size(max = 64) String cardSerial,
                             @Size(max = 128) String challenge) {

    @Override
    public String toString() {
        return "UnblockRequest[code hidden]";
    }
}
