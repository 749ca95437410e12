package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.git.LocalOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Push-to-ready against the plain tools on one golden. Slipway: a pull request with five migrations is pushed to
 * the origin and announced by a signed webhook, and the clock runs until serve's API shows its preview ready. By
 * hand: {@code CREATE DATABASE … TEMPLATE golden} and the same migrations applied to that clone by plain Flyway.
 * After one untimed warm-up build, {@link #ROUNDS} rounds of both, in turn; then {@code pg_dump -Fc | pg_restore}
 * of the golden once.
 */
final class PushToReadyPhase {

    static final int ROUNDS = 3;
    static final int WARM_UP_PR = 1;
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    /** Small, realistic changes; the index is built on the largest table, as such indexes usually are. */
    private static final String[][] CHANGES = {
        {"add_customers_nickname", "-- nullable, no default: a catalog change only\n"
                + "ALTER TABLE customers ADD COLUMN nickname text;\n"},
        {"create_coupons", "CREATE TABLE coupons (\n    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                + "    code        text    NOT NULL UNIQUE,\n"
                + "    percent_off integer NOT NULL CHECK (percent_off BETWEEN 1 AND 100),\n"
                + "    valid_until timestamptz\n);\n"},
        {"index_orders_placed_at", "CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at);\n"},
        {"add_orders_coupon_id", "ALTER TABLE orders ADD COLUMN coupon_id bigint;\n"},
        {"orders_coupon_fk", "-- NOT VALID: existing rows are checked later, without blocking writes now\n"
                + "ALTER TABLE orders ADD CONSTRAINT orders_coupon_id_fkey FOREIGN KEY (coupon_id) "
                + "REFERENCES coupons (id) NOT VALID;\n"},
    };

    /** The work by hand: the clone, then plain Flyway on it, with each migration's time as Flyway reports it. */
    record Raw(long cloneMs, long flywayMs, List<Long> stepsMs) {
    }

    /**
     * The timed build, from serve's own build record.
     *
     * @param millis       webhook sent → the API says ready
     * @param toStartMs    webhook sent → the build record's start (intake, reconcile request, plan)
     * @param buildMs      the build record's start → its end (clone, Git, lint, migrations, marks)
     * @param migrateMs    Slipway's migrate step inside the build, as its report says
     * @param stepsMs      each migration's time in that step
     */
    record Build(long millis, long toStartMs, long buildMs, long migrateMs, List<Long> stepsMs) {
    }

    /** One timed round: Slipway's build of a new pull request, then the same work by hand. */
    record Round(Build slipway, Raw raw) {
    }

    /** {@code pg_dump | pg_restore}: its time, or {@code null} and why not. */
    record DumpRestore(Long millis, String note) {
    }

    private final BenchServer server;
    private final LocalOrigin origin;
    private final SignedDeliveries deliveries;
    private final Path baseMigrations;
    private final Path work;
    private final Consumer<String> progress;

    PushToReadyPhase(BenchServer server, LocalOrigin origin, SignedDeliveries deliveries, Path baseMigrations, Path work,
                     Consumer<String> progress) {
        this.server = server;
        this.origin = origin;
        this.deliveries = deliveries;
        this.baseMigrations = baseMigrations;
        this.work = work;
        this.progress = progress;
    }

    /** The pull request's five migrations (repository path → SQL), numbered after the repository's own. */
    Map<String, String> changes() {
        int next = highestVersion(baseMigrations) + 1;
        Map<String, String> files = new LinkedHashMap<>();
        for (String[] c : CHANGES) {
            files.put(LocalOrigin.MIGRATIONS + "/V" + next++ + "__" + c[0] + ".sql", c[1]);
        }
        return files;
    }

    /**
     * A warm-up build, then {@link #ROUNDS} rounds: a new pull request with {@code changes} built by serve (from the
     * webhook to the API showing its preview ready), then the clone and plain Flyway by hand.
     */
    List<Round> rounds(ServeSetup setup, ServeClient client, String golden, Map<String, String> changes) {
        progress.accept("  warm-up build (pull request " + WARM_UP_PR + ", one migration, not timed)");
        buildAndWait(setup, client, WARM_UP_PR, Map.of(LocalOrigin.MIGRATIONS + "/V" + (highestVersion(baseMigrations) + 1)
                + "__warm_up.sql", "COMMENT ON TABLE customers IS 'bench warm-up';\n"));
        List<Round> rounds = new ArrayList<>();
        for (int i = 1; i <= ROUNDS; i++) {
            progress.accept("  round " + i + " of " + ROUNDS + ": Slipway builds pull request " + (WARM_UP_PR + i)
                    + " (" + changes.size() + " migrations), then the clone and plain Flyway by hand");
            Build build = buildAndWait(setup, client, WARM_UP_PR + i, changes);
            rounds.add(new Round(build, cloneAndFlyway(golden, changes, i)));
        }
        return rounds;
    }

    private Build buildAndWait(ServeSetup setup, ServeClient client, int pr, Map<String, String> files) {
        String sha = origin.openPullRequest(pr, files);
        SignedDeliveries.Body body = deliveries.pullRequest(setup.repo(), "opened", pr, sha, "feature/bench-" + pr,
                Instant.now());
        String path = "api/v1/previews/" + setup.repo() + "/" + pr;
        Instant sent = Instant.now();
        long start = System.nanoTime();
        int status = client.send(SignedDeliveries.request(client.resolve("hooks/github"), body, "bench-pr-" + pr + "-" + sha));
        if (status != 202) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: serve answered the webhook of pull request "
                    + pr + " with " + status + " instead of 202");
        }
        JsonNode view = client.await(path, n -> built(n, sha), BUILD_TIMEOUT, "the preview of pull request " + pr);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!"ready".equals(view.path("state").asText())) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: the preview of pull request " + pr + " ended "
                    + view.path("state").asText() + ": " + view.path("lastRun").path("summary").asText());
        }
        JsonNode run = client.await(path, n -> finished(n, sha), BUILD_TIMEOUT, "the build record of pull request " + pr)
                .path("runs").path(0);
        return breakdown(millis, sent, run);
    }

    /** The build's parts, from serve's build record ({@code run}) of a build announced at {@code sent}. */
    private static Build breakdown(long millis, Instant sent, JsonNode run) {
        Instant started = Instant.parse(run.path("startedAt").asText());
        Instant finished = Instant.parse(run.path("finishedAt").asText());
        JsonNode migration = run.path("detail").path("migration");
        List<Long> steps = new ArrayList<>();
        migration.path("migrations").forEach(m -> steps.add(m.path("durationMs").asLong()));
        return new Build(millis, Duration.between(sent, started).toMillis(), Duration.between(started, finished).toMillis(),
                migration.path("durationMs").asLong(-1), steps);
    }

    /** The build of {@code sha} has ended: the preview is ready or failed, or the build recorded an error. */
    private static boolean built(JsonNode view, String sha) {
        JsonNode run = view.path("lastRun");
        if (!sha.equals(run.path("headSha").asText())) {
            return false;
        }
        String state = view.path("state").asText();
        return state.equals("ready") || state.equals("failed") || run.path("state").asText().equals("error");
    }

    /** The newest build record is the one of {@code sha}, and finished: the preview is marked ready just before. */
    private static boolean finished(JsonNode view, String sha) {
        JsonNode run = view.path("runs").path(0);
        return sha.equals(run.path("headSha").asText()) && run.hasNonNull("finishedAt");
    }

    /** {@code CREATE DATABASE … TEMPLATE golden}, then the same migrations by plain Flyway: both times, in ms. */
    private Raw cloneAndFlyway(String golden, Map<String, String> changes, int round) {
        Path dir = migrationsWith(changes, round);
        long start = System.nanoTime();
        try (ScratchDatabase clone = server.cloneDatabase("rawclone", golden)) {
            long cloneMs = (System.nanoTime() - start) / 1_000_000;
            long flywayStart = System.nanoTime();
            MigrateResult r = Flyway.configure(PushToReadyPhase.class.getClassLoader())
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                    .dataSource(clone.spec().url(), clone.spec().user(), clone.spec().password())
                    .locations("filesystem:" + dir.toAbsolutePath())
                    .load().migrate();
            long flywayMs = (System.nanoTime() - flywayStart) / 1_000_000;
            if (r.migrationsExecuted != changes.size()) {
                throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: plain Flyway applied " + r.migrationsExecuted
                        + " migrations to the raw clone, expected " + changes.size());
            }
            return new Raw(cloneMs, flywayMs, r.migrations.stream().map(m -> (long) m.executionTime).toList());
        }
    }

    /** The repository's migrations and the pull request's, in a folder of their own. */
    private Path migrationsWith(Map<String, String> changes, int round) {
        try {
            Path dir = Files.createDirectories(work.resolve("raw-migrations-" + round));
            try (DirectoryStream<Path> base = Files.newDirectoryStream(baseMigrations, "*.sql")) {
                for (Path f : base) {
                    Files.copy(f, dir.resolve(f.getFileName().toString()));
                }
            }
            for (Map.Entry<String, String> c : changes.entrySet()) {
                Files.writeString(dir.resolve(Path.of(c.getKey()).getFileName().toString()), c.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot write the migrations: " + e.getMessage(), e);
        }
    }

    /** {@code pg_dump -Fc -Z0 golden | pg_restore -d new}, in ms; {@code null} with the reason where the tools are missing. */
    DumpRestore dumpRestore(ScratchDatabase golden) {
        return PgTools.dumpRestore(server, golden);
    }

    /** The highest {@code V<n>__} version among the migrations in {@code dir}. */
    static int highestVersion(Path dir) {
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            int max = 0;
            for (Path f : files) {
                Matcher m = version.matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
            return max;
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "benchmark: cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
