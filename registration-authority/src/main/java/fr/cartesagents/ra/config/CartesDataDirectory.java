package fr.cartesagents.ra.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The directory where this server keeps everything it creates on its own: the embedded database,
 * the demo PKI (keys, tokens, secrets) and the files handed to the operator (admin.p12, ca-chain.pem).
 * Set by {@code cartes.data-dir} (environment {@code CARTES_DATA_DIR}), default {@code ./cartes-data}.
 */
public record CartesDataDirectory(Path root) {

    public CartesDataDirectory {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /** The embedded PostgreSQL's data. */
    public Path postgres() {
        return root.resolve("postgres");
    }

    /** CA keys, tokens, the TLS key and the demo secrets. */
    public Path pki() {
        return root.resolve("pki");
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }
}
