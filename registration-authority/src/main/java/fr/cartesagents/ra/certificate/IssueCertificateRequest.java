package fr.cartesagents.ra.certificate;

/**
 * {@code POST /api/v1/admin/certificates}: a PKCS#10 request (PEM) to certify under a profile
 * ({@code authentication} or {@code signature}) for a holder the registration authority vouches for.
 */
public record IssueCertificateRequest(String profile, String csr, HolderRequest subject) {

    /** The holder, as RGS names local-authority actors. */
    public record HolderRequest(String givenName, String surname, String organization, String siren, String holderId) {
    }
}
