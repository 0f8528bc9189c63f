package fr.cartesagents.benchmarks.bridge;

/**
 * The user PIN of a card whose PIN a benchmark changes at every invocation: from
 * {@link CardSecrets#USER_PIN} to {@link CardSecrets#OTHER_USER_PIN} and back, so that every
 * change starts from the PIN the card holds.
 */
final class AlternatingPin {

    private boolean changedOnce;

    String current() {
        return changedOnce ? CardSecrets.OTHER_USER_PIN : CardSecrets.USER_PIN;
    }

    String replacement() {
        return changedOnce ? CardSecrets.USER_PIN : CardSecrets.OTHER_USER_PIN;
    }

    /** The card accepted the change. */
    void changed() {
        changedOnce = !changedOnce;
    }
}
