package dev.slipway.serve;

import java.nio.file.Path;

/** Where the files of a commit come from: the Git mirror in {@code serve}, a plain folder in tests of the builder. */
public interface SourceTree {

    /**
     * Writes the files under {@code subPath} of commit {@code sha} into {@code dir} (paths relative to
     * {@code subPath}), fetching first when the
     * commit is not known yet.
     */
    Path extract(String sha, String subPath, Path dir);

    /**
     * The content of the file at {@code path} (relative to the repository's root) in commit {@code sha}, fetching
     * first when the commit is not known yet; {@code null} when the commit has no such file.
     */
    byte[] file(String sha, String path);
}
