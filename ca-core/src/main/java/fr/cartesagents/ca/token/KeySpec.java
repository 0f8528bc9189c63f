package fr.cartesagents.ca.token;

/** Key types a CA token may generate and a profile may allow. */
public enum KeySpec {
    RSA_2048("RSA", 2048),
    RSA_3072("RSA", 3072),
    RSA_4096("RSA", 4096),
    EC_P256("EC", 256),
    EC_P384("EC", 384);

    private final String algorithm;
    private final int size;

    KeySpec(String algorithm, int size) {
        this.algorithm = algorithm;
        this.size = size;
    }

    /** JCA algorithm name: "RSA" or "EC". */
    public String algorithm() {
        return algorithm;
    }

    /** Modulus length for RSA, field size for EC. */
    public int size() {
        return size;
    }

    public boolean isRsa() {
        return "RSA".equals(algorithm);
    }

    /** The curve name (secp256r1, secp384r1) for EC specs. */
    public String curveName() {
        return switch (this) {
            case EC_P256 -> "secp256r1";
            case EC_P384 -> "secp384r1";
            default -> throw new IllegalStateException(this + " is not an elliptic-curve key");
        };
    }
}
