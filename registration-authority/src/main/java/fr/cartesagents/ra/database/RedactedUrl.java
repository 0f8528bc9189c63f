package fr.cartesagents.ra.database;

import java.util.regex.Pattern;

/**
 * A database URL fit for logs and messages: an R2DBC URL may carry {@code user:password@} and a JDBC
 * URL {@code ?password=}; both are removed or masked.
 */
final class RedactedUrl {

    private static final Pattern USERINFO = Pattern.compile("(://)[^/?#@]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&;](?:password|sslpassword)=)[^&;#]*");

    private RedactedUrl() {
    }

    static String of(String url) {
        if (url == null) {
            return null;
        }
        return SECRET_PARAMETER.matcher(USERINFO.matcher(url).replaceFirst("$1")).replaceAll("$1****");
    }

    /** The URL without its {@code user:password@} part (the JDBC driver does not read it there anyway). */
    static String withoutUserInfo(String url) {
        return USERINFO.matcher(url).replaceFirst("$1");
    }
}
