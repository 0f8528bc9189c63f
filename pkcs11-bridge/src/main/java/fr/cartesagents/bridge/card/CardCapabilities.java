package fr.cartesagents.bridge.card;

/** What a card allows through a given driver. */
public record CardCapabilities(boolean generatesKeys, boolean signs, boolean storesCertificates,
                               boolean changesPin, boolean unblocksPin) {
}
