package fr.cartesagents.ra.collectivity;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of {@code epci.json} of {@code @etalab/decoupage-administratif}: the SIREN is the
 * EPCI's {@code code}, {@code type} its legal form (CC, CA, CU, METRO, MET69), then its member
 * communes by INSEE code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EpciEntry(String code, String nom, String type, List<Member> membres) {

    public EpciEntry {
        membres = membres == null ? List.of() : List.copyOf(membres);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(String code) {
    }
}
