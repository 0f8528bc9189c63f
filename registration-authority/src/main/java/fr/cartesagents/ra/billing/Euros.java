package fr.cartesagents.ra.billing;

/** Euro cents written as euros with two decimals ("30.00"), whatever the JVM's locale. */
final class Euros {

    private Euros() {
    }

    static String format(long cents) {
        return (cents < 0 ? "-" : "") + Math.abs(cents) / 100 + "." + String.format("%02d", Math.abs(cents) % 100);
    }
}
