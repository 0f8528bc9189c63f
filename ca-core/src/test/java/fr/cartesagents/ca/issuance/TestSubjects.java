package fr.cartesagents.ca.issuance;

/** Holder subjects for tests. */
public final class TestSubjects {

    /** A Luhn-valid SIREN. */
    public static final String SIREN = "218201127";

    private TestSubjects() {
    }

    public static HolderSubject marieDupont() {
        return new HolderSubject("Marie-Hélène", "Dupont", "COMMUNE DE MOISSAC", new Siren(SIREN), "ACT-000042");
    }
}
