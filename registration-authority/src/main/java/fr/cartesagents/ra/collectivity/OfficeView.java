package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;

/** A registration office (préfecture, "autorité d'enregistrement de rattachement"); {@code version} is its ETag. */
public record OfficeView(UUID id, String code, String name, String department, long version) implements Versioned {
}
