package fr.cartesagents.ca.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * The PKCS#11 modules loaded in this JVM, one per library file. A module may be initialised
 * (C_Initialize) only once per process and finalising it would pull the rug from under every other
 * token of the same library, so modules are loaded on first use and live as long as the JVM.
 */
public final class Pkcs11Modules {

    private static final Map<Path, PKCS11Module> LOADED = new HashMap<>();

    private Pkcs11Modules() {
    }

    public static synchronized PKCS11Module load(Path modulePath) {
        Path library = canonical(modulePath);
        PKCS11Module module = LOADED.get(library);
        if (module != null) {
            return module;
        }
        try {
            module = PKCS11Module.getInstance(library.toString());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new CryptoTokenException("Cannot load PKCS#11 module " + library, e);
        }
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw new CryptoTokenException("Cannot initialise PKCS#11 module " + library + ": " + e.getErrorName(), e);
            }
        }
        LOADED.put(library, module);
        return module;
    }

    private static Path canonical(Path modulePath) {
        Path absolute = modulePath.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new CryptoTokenException("PKCS#11 module " + absolute + " does not exist");
        }
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw new CryptoTokenException("Cannot resolve PKCS#11 module " + absolute, e);
        }
    }
}
