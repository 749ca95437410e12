package dev.slipway.lint;

import dev.slipway.lint.rules.Rules;
import dev.slipway.migrate.EngineKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule corpus under {@code src/test/resources/lint/corpus/<rule-id>/}: {@code fire-*} cases the rule must
 * report, {@code safe-*} look-alikes that must produce no finding at all. A case is one SQL file (linted as
 * {@code V1__case.sql}, with its {@code .sql.conf} if present) or a directory of Flyway migrations; a directory with a
 * {@code masking.yaml} is linted against those masking rules ({@code masking-coverage} runs only with rules).
 */
final class LintCorpus {

    static final Path ROOT = Path.of("src/test/resources/lint/corpus");

    private LintCorpus() {
    }

    /** One case: the rule it is about, its name and where it is. */
    record Case(String rule, String name, Path path) {
        boolean fires() {
            return name.startsWith("fire");
        }
    }

    static List<Case> cases() {
        try (Stream<Path> rules = Files.list(ROOT)) {
            return rules.filter(Files::isDirectory).sorted().flatMap(LintCorpus::casesOf).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Case> casesOf(Path ruleDir) {
        try (Stream<Path> files = Files.list(ruleDir)) {
            return files.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".sql")).sorted()
                    .map(p -> new Case(ruleDir.getFileName().toString(), p.getFileName().toString().replace(".sql", ""), p))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lints a case as a Flyway location in {@code scratch} with every rule at its default severity. */
    static LintReport lint(Case c, Path scratch) throws IOException {
        Path location = Files.createDirectories(scratch.resolve(c.rule() + "-" + c.name()));
        if (Files.isDirectory(c.path())) {
            try (Stream<Path> files = Files.list(c.path())) {
                for (Path f : files.toList()) {
                    Files.copy(f, location.resolve(f.getFileName()));
                }
            }
        } else {
            Files.copy(c.path(), location.resolve("V1__case.sql"));
            Path conf = c.path().resolveSibling(c.path().getFileName() + ".conf");
            if (Files.exists(conf)) {
                Files.copy(conf, location.resolve("V1__case.sql.conf"));
            }
        }
        List<LintMigration> migrations = new MigrationSources(location, LintSettings.DEFAULT_MAX_FILE_BYTES)
                .find(EngineKind.FLYWAY, location, id -> true);
        Path rules = location.resolve("masking.yaml");
        MaskingRules masking = Files.exists(rules) ? MaskingRules.load(MaskingFile.of(rules)) : null;
        return new Linter(Rules.forRun(masking), LintSettings.DEFAULT).lint(migrations);
    }
}
