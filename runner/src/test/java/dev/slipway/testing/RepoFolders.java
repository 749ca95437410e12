package dev.slipway.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's own top-level folders ({@code migrations/}, {@code routes/}, ...) from a test. */
public final class RepoFolders {

    private RepoFolders() {
    }

    /** {@code folder} under the repository root, which is the parent of the runner module. */
    public static Path path(String folder) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("migrations"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with migrations/) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir.resolve(folder);
    }
}
