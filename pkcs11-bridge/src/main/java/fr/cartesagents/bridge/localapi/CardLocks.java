package fr.cartesagents.bridge.localapi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One operation at a time per card: a second request on a busy card is refused at once with 409
 * {@code card-busy} rather than queued, because a PKCS#11 login is shared by every session of the
 * process on a token (a queued operation would run inside another's login), and a page that gets a
 * clear "busy" can say so instead of hanging. Other cards stay free.
 */
final class CardLocks {

    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    /** A held card; closing it frees the card. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param card what identifies the card: its reader and serial number
     * @throws ApiProblem {@code card-busy} (409) while another operation holds it
     */
    Lease acquire(String card) {
        if (!busy.add(card)) {
            throw ApiProblem.of("card-busy", 409, "Another operation is running on this card: try again when it is over");
        }
        return () -> busy.remove(card);
    }
}
