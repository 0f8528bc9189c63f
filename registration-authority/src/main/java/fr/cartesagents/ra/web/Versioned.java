package fr.cartesagents.ra.web;

/** A record read with its row version: the version is its ETag, and an update must send it back in If-Match. */
public interface Versioned {

    long version();
}
