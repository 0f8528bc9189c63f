package fr.cartesagents.ra.web;

/** The page asked by a list's query string: its number (from 0) and size. */
public record Paging(int page, int size) {
}
