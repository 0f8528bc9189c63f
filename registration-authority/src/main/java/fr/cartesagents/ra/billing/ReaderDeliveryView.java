package fr.cartesagents.ra.billing;

import java.time.Instant;
import java.util.UUID;

/** A recorded delivery of card readers, and what is left of the allotment. */
public record ReaderDeliveryView(UUID id, UUID collectivityId, String application, int quantity, Instant deliveredAt,
                                 ReaderAllotment allotment) {
}
