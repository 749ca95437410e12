package dev.slipway.db;

import java.util.regex.Pattern;

/** Makes JDBC URLs safe to print: passwords, tokens and secrets in them are replaced by {@code ***}. */
public final class JdbcUrls {

    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:[a-z]*password|[a-z]*secret|[a-z]*token)=)[^&;]*");
    /** {@code //user:password@}: the password runs to the last {@code @} before the query, as it may hold {@code @} or {@code /}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?@:]+:)[^?]*@");

    private JdbcUrls() {
    }

    /** Returns {@code url} with every secret replaced; {@code null} stays {@code null}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = SECRET_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceAll("$1***@");
    }

    /** Replaces every occurrence of {@code secret} in {@code text}: for messages that quote a driver's error. */
    public static String scrub(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "***");
    }
}
