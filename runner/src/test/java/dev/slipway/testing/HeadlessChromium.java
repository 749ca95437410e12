package dev.slipway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's {@code chromium} run headless, one process per call, each with a fresh profile in a folder of the
 * caller's: {@link #dumpDom} gives a page's DOM once loaded, {@link #screenshot} a PNG of its window. Runs as root
 * (hence {@code --no-sandbox}); a call that takes over a minute is killed and fails. Not thread-safe.
 */
public final class HeadlessChromium {

    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;
    private final Path work;
    private int calls;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /**
     * The first {@code chromium} or {@code chromium-browser} on PATH, writing into {@code work}.
     *
     * @throws AssertionError when there is none: the test fails, it is never skipped
     */
    public static HeadlessChromium onPath(Path work) {
        String path = System.getenv().getOrDefault("PATH", "");
        return new HeadlessChromium(find(path).orElseThrow(() -> new AssertionError("no chromium or chromium-browser "
                + "on PATH (" + path + "): install Debian's chromium package, as CI's .ci/run does: "
                + "apt-get install -y --no-install-recommends chromium")), work);
    }

    static Optional<Path> find(String path) {
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** What {@code chromium --version} says, e.g. "Chromium 150.0.7871.100 built on Debian …". */
    public String version() {
        return read(run("version", List.of("--version"))).trim();
    }

    /** The DOM of {@code url} once loaded, serialised as HTML (scripts, had there been any, have run). */
    public String dumpDom(URI url) {
        return read(run("dump-dom", List.of("--dump-dom", url.toString())));
    }

    /** Opens {@code url} in a {@code width}×{@code height} window and returns the PNG file of what it shows. */
    public Path screenshot(URI url, int width, int height) {
        Path png = work.resolve("screenshot-" + (calls + 1) + ".png");
        run("screenshot", List.of("--screenshot=" + png, "--window-size=" + width + "," + height, url.toString()));
        return png;
    }

    private Path run(String what, List<String> args) {
        calls++;
        Path out = work.resolve(what + "-" + calls + ".out");
        Path err = work.resolve(what + "-" + calls + ".err");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + directory(work.resolve("profile-" + calls))));
        cmd.addAll(args);
        long start = System.nanoTime();
        Process p = start(cmd, out, err);
        if (!waitFor(p)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium " + what + " did not finish in " + TIMEOUT_SECONDS + " s (a page that "
                    + "opens a dialog, such as alert(), keeps it waiting); stderr: " + read(err));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium " + what + " exited with " + p.exitValue() + "; stderr: " + read(err));
        }
        LOG.info("chromium {} took {} ms", what, (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    private static Process start(List<String> cmd, Path out, Path err) {
        try {
            return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + cmd.get(0), e);
        }
    }

    private static boolean waitFor(Process p) {
        try {
            return p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted waiting for chromium", e);
        }
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
