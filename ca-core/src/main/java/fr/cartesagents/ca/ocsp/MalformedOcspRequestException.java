package fr.cartesagents.ca.ocsp;

/**
 * The bytes are not an OCSP request this responder accepts (bad DER, no or too many CertIDs, a nonce
 * outside 1..32 octets, an unsupported critical extension). The message is safe to log and to show;
 * on the wire the answer is a malformedRequest response.
 */
public class MalformedOcspRequestException extends RuntimeException {

    public MalformedOcspRequestException(String message) {
        super(message);
    }

    public MalformedOcspRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
