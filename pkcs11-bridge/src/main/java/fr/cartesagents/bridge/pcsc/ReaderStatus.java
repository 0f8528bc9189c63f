package fr.cartesagents.bridge.pcsc;

import java.util.Optional;

/** A PC/SC reader as seen now: its name, whether a card is in it, and that card's ATR (hex). */
public record ReaderStatus(String name, boolean cardPresent, Optional<String> atrHex) {
}
