package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.RepoFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code slipway} launcher as a user runs it, on a copy of the checkout holding the built jar. */
class LauncherIT {

    @TempDir
    Path home;


    @BeforeEach
    void checkout() throws IOException {
        Path repo = RepoFolders.path("");
        // sources older than the jar, so the launcher does not build
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.createDirectories(home.resolve("runner/src/main"));
        Files.writeString(home.resolve("runner/pom.xml"), "<project/>");
        Files.copy(repo.resolve("slipway"), home.resolve("slipway"), StandardCopyOption.COPY_ATTRIBUTES);
        Path target = Files.createDirectories(home.resolve("runner/target"));
        Files.createSymbolicLink(target.resolve("lib"), repo.resolve("runner/target/lib"));
        Path jar = Files.copy(repo.resolve("runner/target/slipway.jar"), target.resolve("slipway.jar"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    }

    @Test
    void commandsGetTheSerialCollectorUnlessTheUserNamesOneOrTheyServe() throws Exception {
        String flags = "-XX:+PrintFlagsFinal";
        Result version = slipway(Map.of("SLIPWAY_JAVA_OPTS", flags), "--version");
        assertThat(version.code).as(version.err).isZero();
        assertThat(version.err).as("the jar is current: no build").isEmpty();
        assertThat(version.out).contains("slipway ")
                .containsPattern("UseSerialGC\\s+= true\\s+\\{product\\} \\{command line\\}");

        Result parallel = slipway(Map.of("SLIPWAY_JAVA_OPTS", "-XX:+UseParallelGC " + flags), "--version");
        assertThat(parallel.code).as(parallel.err).isZero();
        assertThat(parallel.out).containsPattern("UseParallelGC\\s+= true")
                .doesNotContainPattern("UseSerialGC\\s+= true");

        Result serve = slipway(Map.of("SLIPWAY_JAVA_OPTS", flags), "serve", "--help");
        assertThat(serve.code).as(serve.err).isZero();
        assertThat(serve.out).doesNotContainPattern("UseSerialGC\\s+= true\\s+\\{product\\} \\{command line\\}");
    }

    private record Result(int code, String out, String err) {
    }

    private Result slipway(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(concat(home.resolve("slipway").toString(), args))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("SLIPWAY_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the launcher returned").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
