package fr.cartesagents.bridge.pcsc;

/** A card put into, or taken out of, a reader. */
public record ReaderEvent(String reader, Kind kind) {

    public enum Kind {
        CARD_INSERTED,
        CARD_REMOVED
    }
}
