package fr.cartesagents.bridge.localapi;

import java.util.ArrayList;
import java.util.List;

import fr.cartesagents.bridge.card.Pin;

/**
 * Every PIN read from one request body, wiped together when the request is over, including those of
 * a body that failed to parse half-way (the fields read before the error are already PINs).
 */
final class ReceivedPins implements AutoCloseable {

    private final List<Pin> pins = new ArrayList<>();

    synchronized void add(Pin pin) {
        pins.add(pin);
    }

    @Override
    public synchronized void close() {
        pins.forEach(Pin::close);
        pins.clear();
    }
}
