package dev.slipway.plan;

import java.util.Locale;

/**
 * Names of preview namespaces: {@code preview-<repo>-pr-<id>} as a DNS-1123 label (lower-case ASCII letters, digits
 * and dashes, starting and ending with a letter or digit, at most {@value #MAX_CHARS} characters). When anything had
 * to be replaced or shortened, a hash of the whole key is appended, so two pull requests never share a namespace,
 * whatever their repository or branch names hold. Pure; thread-safe.
 */
public final class NamespaceNames {

    public static final int MAX_CHARS = 63;
    public static final String PREFIX = "preview-";
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final int HASH_CHARS = 8;

    private NamespaceNames() {
    }

    /** The namespace of {@code key}; the same key always gives the same name. */
    public static String of(PreviewKey key) {
        String repoName = key.repo().substring(key.repo().lastIndexOf('/') + 1);
        String repo = slug(repoName);
        String plain = PREFIX + repo + "-pr-" + slug(key.id());
        boolean exact = key.id().matches("[0-9]{1,12}") && repo.equals(repoName);
        if (exact && plain.length() <= MAX_CHARS) {
            return plain;
        }
        String suffix = "-" + key.hash(HASH_CHARS);
        return trimDashes(plain.substring(0, Math.min(plain.length(), MAX_CHARS - suffix.length()))) + suffix;
    }

    /** Whether {@code name} is a DNS-1123 label of at most 63 characters. */
    public static boolean isLabel(String name) {
        return name != null && name.length() <= MAX_CHARS && name.matches(LABEL);
    }

    private static String slug(String text) {
        String trimmed = trimDashes(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        return trimmed.isEmpty() ? "x" : trimmed;
    }

    private static String trimDashes(String s) {
        return s.replaceAll("^-+|-+$", "");
    }
}
