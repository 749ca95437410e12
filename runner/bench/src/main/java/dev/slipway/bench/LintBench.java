package dev.slipway.bench;

import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.Linter;
import dev.slipway.lint.MigrationSources;
import dev.slipway.lint.rules.Rules;
import dev.slipway.lint.sql.SqlScript;
import dev.slipway.migrate.EngineKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code slipway bench lint}: lints a generated location of many migrations (a realistic mix of DDL,
 * DML, comments, strings and function bodies) and times it against the floors beneath it: reading the
 * files, and reading plus splitting them into statements.
 */
public final class LintBench {

    /** @param files migration files, {@code statements} spread evenly over them; {@code rounds} timed repeats */
    public record Options(int files, int statements, int rounds) {
    }

    private final Options options;
    private final Consumer<String> progress;

    public LintBench(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public LintBenchReport call() {
        Machine machine = Machine.local();
        Path dir;
        try {
            dir = Files.createTempDirectory("slipway-bench-lint");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long bytes = LintWorkload.write(dir, options.files(), options.statements());
            progress.accept("wrote " + options.statements() + " statements in " + options.files() + " files ("
                    + bytes / 1024 + " kB) to " + dir);
            List<Long> lint = new ArrayList<>();
            List<Long> split = new ArrayList<>();
            List<Long> read = new ArrayList<>();
            LintReport last = null;
            for (int round = 0; round <= options.rounds(); round++) {
                long t0 = System.nanoTime();
                last = lint(dir);
                lint.add(System.nanoTime() - t0);
                split.add(timed(() -> split(dir)));
                read.add(timed(() -> read(dir)));
                progress.accept("round " + round + (round == 0 ? " (cold)" : "") + ": lint " + lint.get(round) / 1_000_000 + " ms");
            }
            return LintBenchReport.of(machine, options, bytes, last, lint, split, read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LintWorkload.delete(dir);
        }
    }

    private static LintReport lint(Path dir) {
        List<LintMigration> migrations = new MigrationSources(dir, LintSettings.DEFAULT_MAX_FILE_BYTES)
                .find(EngineKind.FLYWAY, dir, id -> true);
        return new Linter(Rules.forRun(null), LintSettings.DEFAULT).lint(migrations);
    }

    private static int split(Path dir) {
        int statements = 0;
        for (Path f : files(dir)) {
            statements += SqlScript.parse(readString(f)).size();
        }
        return statements;
    }

    private static long read(Path dir) {
        long chars = 0;
        for (Path f : files(dir)) {
            chars += readString(f).length();
        }
        return chars;
    }

    private static long timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Runnable {
        Object run();
    }
}
