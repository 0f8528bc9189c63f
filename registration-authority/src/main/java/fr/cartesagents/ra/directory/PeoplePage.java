package fr.cartesagents.ra.directory;

import java.util.List;

/**
 * A page of search results in a stable order (name, then ids).
 *
 * @param next the {@code after} parameter of the next page; null on the last page
 */
record PeoplePage(List<PersonSummary> items, boolean hasMore, String next) {

    PeoplePage {
        items = List.copyOf(items);
    }
}
