package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory of Flyway SQL migrations that a benchmark writes; closing it deletes it. */
final class MigrationDir implements AutoCloseable {

    private final Path dir;

    private MigrationDir(Path dir) {
        this.dir = dir;
    }

    static MigrationDir create() {
        try {
            return new MigrationDir(Files.createTempDirectory("slipway-bench-"));
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot create a temporary directory for the benchmark's "
                    + "migrations: " + e.getMessage() + "; check java.io.tmpdir", e);
        }
    }

    Path path() {
        return dir;
    }

    MigrationDir write(String fileName, String sql) {
        try {
            Files.writeString(dir.resolve(fileName), sql);
            return this;
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot write " + dir.resolve(fileName) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
