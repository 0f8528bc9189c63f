package fr.cartesagents.bridge.localapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the localhost API is set up, checked once at start-up so that a bad setting stops the start:
 * the TCP port on 127.0.0.1 (0 for any free port), the portal origins allowed to call it (exact
 * {@code scheme://host[:port]} as browsers send them in {@code Origin}, never a wildcard), the
 * largest request body accepted, and the file that keeps the pairing token.
 */
public record LocalApiSettings(int port, Set<String> portalOrigins, int maxRequestBytes, Path tokenFile) {

    public static final int DEFAULT_PORT = 24861;

    /** Large enough for a document of a few megabytes in base64 to be signed (CMS), small enough to refuse floods. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    public LocalApiSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("A TCP port is between 0 and 65535, not " + port);
        }
        Objects.requireNonNull(portalOrigins, "portalOrigins");
        if (portalOrigins.isEmpty()) {
            throw new IllegalArgumentException("Give the origin of the card portal, e.g. https://portail.example.fr");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (String origin : portalOrigins) {
            canonical.add(canonicalOrigin(origin));
        }
        portalOrigins = Set.copyOf(canonical);
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("The request size limit must be at least 1024 bytes");
        }
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    public static LocalApiSettings of(int port, Set<String> portalOrigins) {
        return new LocalApiSettings(port, portalOrigins, DEFAULT_MAX_REQUEST_BYTES, PairingToken.defaultFile());
    }

    public LocalApiSettings withTokenFile(Path file) {
        return new LocalApiSettings(port, portalOrigins, maxRequestBytes, file);
    }

    /**
     * The origin as a browser serialises it: lower-case scheme and host, no default port, no path.
     *
     * @throws IllegalArgumentException for a wildcard, a path, or anything but http(s)://host[:port]
     */
    static String canonicalOrigin(String origin) {
        Objects.requireNonNull(origin, "origin");
        if (origin.contains("*")) {
            throw new IllegalArgumentException("A portal origin is exact; no wildcard: " + origin);
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not an origin: " + origin, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("A portal origin is https://host[:port] (or http:// for a development portal): " + origin);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("A portal origin has no path, query or user: " + origin);
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort());
    }
}
