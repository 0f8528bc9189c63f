package fr.cartesagents.ra.web;

import java.util.List;

/** One page of a list: its items, the page number (from 0), the page size and the total count. */
public record ResultPage<T>(List<T> items, int page, int size, long total) {

    public ResultPage {
        items = List.copyOf(items);
    }
}
