package dev.slipway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of folders for tests that lay files out as a build, an image or a repository would hold them. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Copies the folder {@code from}, or the file, to {@code to}, creating the folders on the way. */
    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = Files.isDirectory(from) ? to.resolve(from.relativize(f).toString()) : to;
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
