package fr.cartesagents.ra.directory;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The roles outside any collectivity, managed by the national administrators. */
enum NationalRole {
    NATIONAL_ADMINISTRATOR,
    AUDITOR,
    /** Attached to one registration office (préfecture), serving its collectivities. */
    REGISTRATION_OFFICER;

    @JsonValue
    String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named in a request; null (so "required" is reported on the field) for an unknown name. */
    @JsonCreator
    static NationalRole fromJson(String value) {
        for (NationalRole role : values()) {
            if (role.databaseName().equals(value)) {
                return role;
            }
        }
        return null;
    }
}
