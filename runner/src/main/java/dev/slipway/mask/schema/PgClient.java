package dev.slipway.mask.schema;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's client programs that a masked copy takes the schema with: a directory holding {@code pg_dump} and
 * {@code pg_restore} of one version. pg_dump must not be older than the server it dumps, so {@link #choose} picks,
 * among the candidates, the oldest major that is not older than the source's (the closest to the server the dump is
 * restored into).
 *
 * @param bin     the directory of {@code pg_dump} and {@code pg_restore}
 * @param major   their major version
 * @param version what {@code pg_dump --version} printed, for messages and the golden's mark
 */
public record PgClient(Path bin, int major, String version) {

    /** The environment variable naming the directory when {@code --pg-bin} does not. */
    public static final String ENV = "SLIPWAY_PG_BIN";

    /** The value of {@code --pg-bin} (or {@code SLIPWAY_PG_BIN}) that turns pg_dump off: the catalog copy. */
    public static final String NONE = "none";

    /** Where Debian and Ubuntu install each major's client programs. */
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private static final Pattern VERSION = Pattern.compile("pg_dump \\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

    public Path pgDump() {
        return bin.resolve("pg_dump");
    }

    Path pgRestore() {
        return bin.resolve("pg_restore");
    }

    /**
     * The candidates to look at: {@code configured} alone when given (a directory, or the path of a pg_dump), else
     * every directory of {@code /usr/lib/postgresql/}{@code *}{@code /bin} and of {@code PATH} holding a pg_dump.
     */
    static List<Path> candidates(String configured, String path) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return List.of(Files.isDirectory(p) ? p : p.toAbsolutePath().getParent());
        }
        // Debian's own directories first: for one major, the binaries themselves beat PATH's version-picking wrapper
        Set<Path> dirs = new LinkedHashSet<>();
        try (Stream<Path> majors = Files.isDirectory(DEBIAN_ROOT) ? Files.list(DEBIAN_ROOT) : Stream.empty()) {
            majors.sorted().forEach(m -> dirs.add(m.resolve("bin")));
        } catch (IOException e) {
            // an unreadable /usr/lib/postgresql holds no candidate
        }
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs.stream().filter(d -> Files.isExecutable(d.resolve("pg_dump"))).toList();
    }

    /**
     * The client to dump a server of major {@code sourceMajor} with: the oldest of {@code found} not older than it.
     *
     * @throws SlipwayException {@link ErrorCode#MASK_TARGET_REFUSED} when {@code configured} names no usable pair of
     *                          programs or one older than the source
     */
    static Optional<PgClient> choose(String configured, List<PgClient> found, int sourceMajor) {
        Optional<PgClient> best = found.stream().filter(c -> c.major() >= sourceMajor)
                .min(Comparator.comparingInt(PgClient::major));
        if (configured != null && !configured.isBlank() && best.isEmpty()) {
            throw new SlipwayException(ErrorCode.MASK_TARGET_REFUSED, "the PostgreSQL client programs configured ("
                    + configured + ": " + (found.isEmpty() ? "no pg_dump that runs there"
                    : "pg_dump " + found.get(0).version()) + ") cannot dump the source, a PostgreSQL " + sourceMajor
                    + " server: pg_dump must not be older than the server. Point --pg-bin (or SLIPWAY_PG_BIN) at the bin "
                    + "directory of PostgreSQL " + sourceMajor + " or newer (Debian: postgresql-client-" + sourceMajor
                    + "); the target was not changed");
        }
        return best;
    }

    /** Runs {@code pg_dump --version} in {@code dir}; empty when it does not run or pg_restore is missing beside it. */
    static Optional<PgClient> probe(Path dir) {
        if (!Files.isExecutable(dir.resolve("pg_restore"))) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(dir.resolve("pg_dump").toString(), "--version").redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? Optional.of(new PgClient(dir, Integer.parseInt(m.group(1)), out.lines().findFirst()
                    .orElse(out))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Every candidate that runs, in the order given. */
    static List<PgClient> probeAll(List<Path> dirs) {
        return dirs.stream().map(PgClient::probe).flatMap(Optional::stream).toList();
    }

    /**
     * Finds the client for a source of major {@code sourceMajor}: {@code configured} ({@code --pg-bin}) or the
     * machine's. Empty when none is suitable, or when {@code configured} is {@value #NONE}.
     */
    public static Optional<PgClient> find(String configured, Map<String, String> env, int sourceMajor) {
        if (NONE.equalsIgnoreCase(String.valueOf(configured).strip())) {
            return Optional.empty();
        }
        return choose(configured, probeAll(candidates(configured, env.get("PATH"))), sourceMajor);
    }
}
