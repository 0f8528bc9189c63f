package fr.cartesagents.ra.billing;

/**
 * Card readers of one application for a collectivity (annex 1): how many the annex allows free of
 * charge and how many were delivered.
 *
 * @param remaining   how many more the annex allows
 * @param application {@code comedec} (one per civil-status workstation of the COMEDEC annex) or
 *                    {@code tes} (two per town hall)
 */
public record ReaderAllotment(String application, int allowed, int delivered, int remaining) {

    public static ReaderAllotment of(String application, int allowed, int delivered) {
        return new ReaderAllotment(application, allowed, delivered, Math.max(0, allowed - delivered));
    }
}
