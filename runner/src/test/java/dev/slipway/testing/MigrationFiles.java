package dev.slipway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Writes migration files into a directory for a test: {@code MigrationFiles.in(dir).add("V1__a.sql", "...")}. */
public final class MigrationFiles {

    private final Path dir;

    private MigrationFiles(Path dir) {
        this.dir = dir;
    }

    public static MigrationFiles in(Path dir) {
        return new MigrationFiles(dir);
    }

    /** A copy of one of the repository's own folders (e.g. {@code migrations/flyway}), to change in a test. */
    public static MigrationFiles copyOf(String repoFolder, Path dir) {
        Path source = RepoFolders.path(repoFolder);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = dir.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MigrationFiles(dir);
    }

    public MigrationFiles add(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public MigrationFiles delete(String name) {
        try {
            Files.delete(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }
}
