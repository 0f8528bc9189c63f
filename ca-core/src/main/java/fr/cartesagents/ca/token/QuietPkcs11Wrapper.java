package fr.cartesagents.ca.token;

import java.io.PrintStream;

import org.xipki.pkcs11.wrapper.Logger;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Without a logger, the PKCS#11 wrapper prints its start-up banner and every session it opens on
 * standard output, between the lines the operator copies into the minutes. The CLI keeps its warnings
 * and errors, on standard error, and drops the rest.
 */
public final class QuietPkcs11Wrapper implements Logger {

    private final PrintStream err;

    private QuietPkcs11Wrapper(PrintStream err) {
        this.err = err;
    }

    public static void install(PrintStream err) {
        StaticLogger.setLogger(new QuietPkcs11Wrapper(err));
    }

    @Override
    public void info(String format, Object... arguments) {
    }

    @Override
    public void warn(String format, Object... arguments) {
        err.println("PKCS#11 warning: " + format(format, arguments));
    }

    @Override
    public void error(String format, Object... arguments) {
        err.println("PKCS#11 error: " + format(format, arguments));
    }

    @Override
    public void debug(String format, Object... arguments) {
    }

    @Override
    public void trace(String format, Object... arguments) {
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    /** slf4j-style "{}" placeholders, filled in order. */
    static String format(String format, Object... arguments) {
        StringBuilder text = new StringBuilder();
        int argument = 0;
        int from = 0;
        for (int at = format.indexOf("{}"); at >= 0; at = format.indexOf("{}", from)) {
            text.append(format, from, at).append(argument < arguments.length ? arguments[argument++] : "{}");
            from = at + 2;
        }
        return text.append(format.substring(from)).toString();
    }
}
