package dev.slipway.git;

import java.util.regex.Pattern;

/** Makes repository URLs and the messages that quote them safe to print: userinfo and tokens become {@code ***}. */
final class GitUrls {

    /** {@code scheme://userinfo@}: the userinfo runs to the last {@code @}, as a password may hold {@code @} or {@code /}. */
    private static final Pattern SCHEME_USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^?#]*@");
    /** scp-like {@code user@host:path}: an {@code @} before the first {@code /}. */
    private static final Pattern SCP_USER_INFO = Pattern.compile("^[^/]*@");
    /** A URL with userinfo quoted inside a longer text, such as a transport's error message. */
    private static final Pattern QUOTED_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/@]+@");

    private GitUrls() {
    }

    /** {@code url} with any userinfo replaced by {@code ***}; {@code null} stays {@code null}. */
    static String redact(String url) {
        if (url == null) {
            return null;
        }
        Pattern userInfo = url.contains("://") ? SCHEME_USER_INFO : SCP_USER_INFO;
        return userInfo.matcher(url).replaceFirst(url.contains("://") ? "$1***@" : "***@");
    }

    /** Whether {@code url} carries userinfo, which may be a secret. */
    static boolean hasUserInfo(String url) {
        return !redact(url).equals(url);
    }

    /** {@code text} with the raw URL, any quoted userinfo and the token replaced: for messages quoting a transport. */
    static String scrub(String text, GitSource source) {
        if (text == null) {
            return null;
        }
        String out = text.replace(source.url(), source.redactedUrl());
        out = QUOTED_USER_INFO.matcher(out).replaceAll("$1***@");
        String token = source.token();
        return token == null || token.isEmpty() ? out : out.replace(token, "***");
    }
}
