package dev.slipway.plan;

import java.util.Locale;

/**
 * Names of preview databases: {@code preview_<repo>_pr_<id>} in lower-case ASCII letters, digits and
 * underscores, at most {@value #MAX_BYTES} bytes (PostgreSQL's identifier limit). When anything had to be
 * replaced or shortened, a hash of the whole key is appended, so two pull requests of a repository never
 * share a name, whatever their branch names hold. The owner is left out: one {@code serve} watches one
 * repository, and the ownership mark holds the whole key.
 */
public final class PreviewNames {

    public static final int MAX_BYTES = 63;
    public static final String PREFIX = "preview_";
    private static final int HASH_CHARS = 8;

    private PreviewNames() {
    }

    /** The preview name of {@code key}; the same key always gives the same name. */
    public static String of(PreviewKey key) {
        String repoName = key.repo().substring(key.repo().lastIndexOf('/') + 1);
        String repo = slug(repoName);
        String id = slug(key.id());
        String plain = PREFIX + repo + "_pr_" + id;
        boolean exact = key.id().matches("[0-9]{1,12}") && repo.equals(repoName);
        if (exact && plain.length() <= MAX_BYTES) {
            return plain;
        }
        String suffix = "_" + key.hash(HASH_CHARS);
        return trimUnderscores(plain.substring(0, Math.min(plain.length(), MAX_BYTES - suffix.length()))) + suffix;
    }

    private static String slug(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String trimmed = trimUnderscores(lower);
        return trimmed.isEmpty() ? "x" : trimmed;
    }

    private static String trimUnderscores(String s) {
        return s.replaceAll("^_+|_+$", "");
    }
}
