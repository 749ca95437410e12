package dev.slipway.serve;

import java.nio.file.Path;

/** Where the files of a commit come from: the Git mirror in {@code serve}, a plain folder in tests of the builder. */
@FunctionalInterface
public interface SourceTree {

    /**
     * Writes the files under {@code subPath} of commit {@code sha} into {@code dir} (paths relative to
     * {@code subPath}), fetching first when the
     * commit is not known yet.
     */
    Path extract(String sha, String subPath, Path dir);
}
