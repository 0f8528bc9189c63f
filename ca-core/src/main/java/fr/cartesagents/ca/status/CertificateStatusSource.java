package fr.cartesagents.ca.status;

import java.math.BigInteger;

/**
 * Where the OCSP responder learns the status of a serial. ca-core keeps no state of its own: the
 * registration authority answers from its database (typically from statuses it fetched reactively
 * before calling the responder).
 */
@FunctionalInterface
public interface CertificateStatusSource {

    CertificateStatus statusOf(BigInteger serialNumber);
}
