package dev.slipway.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which pull request a preview belongs to.
 *
 * @param repo the repository as the forge names it, {@code owner/name}
 * @param id   the pull request number, or for branch-based servers the branch name after the prefix,
 *             verbatim (it may hold any character; it is data, never part of a command)
 */
public record PreviewKey(String repo, String id) implements Comparable<PreviewKey> {

    public PreviewKey {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(id, "id");
    }

    /** Numbers in numeric order first, then branch ids in text order. */
    @Override
    public int compareTo(PreviewKey o) {
        int byRepo = repo.compareTo(o.repo);
        if (byRepo != 0) {
            return byRepo;
        }
        boolean n1 = id.matches("\\d{1,9}");
        boolean n2 = o.id.matches("\\d{1,9}");
        if (n1 && n2) {
            return Integer.compare(Integer.parseInt(id), Integer.parseInt(o.id));
        }
        return n1 != n2 ? (n1 ? -1 : 1) : id.compareTo(o.id);
    }

    /**
     * The first {@code chars} hex digits of SHA-256 over repository and id: appended to a preview name that had to
     * be shortened or cleaned, so that different pull requests never share one.
     */
    public String hash(int chars) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((repo + '\0' + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, chars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return repo + "#" + id;
    }
}
