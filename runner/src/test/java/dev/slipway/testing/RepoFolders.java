package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * {@code java -Xmx256m -jar runner/target/slipway.jar ARGS} with this JVM's java: Slipway as a process of its
     * own, for tests that kill it. The jar is packaged before the ITs run.
     */
    public static List<String> packagedSlipway(String... args) {
        Path jar = path("runner/target/slipway.jar");
        assertThat(jar).as("the packaged jar (mvn package runs before the ITs)").exists();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
