package fr.cartesagents.ra.order;

import java.util.Locale;

import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ra.collectivity.CollectivityQueries;

/**
 * The holder as the directory records them, the only source of a certificate's subject (never the
 * caller): the first given name, the usual name if any else the birth name, the collectivity's
 * official name and SIREN, the holder id.
 */
record HolderRecord(String givenNames, String birthName, String usualName, String collectivityName, String siren,
                    String holderId, String status) {

    /** The person's record completed with the names of the collectivity they hold the card for. */
    HolderRecord in(CollectivityQueries.CollectivityFacts collectivity) {
        return new HolderRecord(givenNames, birthName, usualName, collectivity.name(), collectivity.siren(), holderId, status);
    }

    HolderSubject subject() {
        String firstGivenName = givenNames.strip().split("[ ,]+")[0];
        String surname = usualName == null || usualName.isBlank() ? birthName : usualName;
        return new HolderSubject(firstGivenName, surname.strip(), collectivityName, new Siren(siren), holderId);
    }

    boolean departed() {
        return "departed".equals(status.toLowerCase(Locale.ROOT));
    }
}
