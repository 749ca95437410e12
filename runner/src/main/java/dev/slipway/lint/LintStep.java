package dev.slipway.lint;

import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.SessionTimeouts;
import dev.slipway.lint.rules.MaskingCoverage;
import dev.slipway.lint.rules.Rules;
import dev.slipway.lint.trace.TracedRun;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrationEntry;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.StatusStep;
import dev.slipway.lint.plan.QueriesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs {@code slipway lint}: the static rules over the location's migrations (or only those the target has
 * not applied yet), and, when asked, a traced run of the pending ones on a scratch copy of the target.
 */
public final class LintStep {

    /**
     * What to lint and how.
     *
     * @param target      the database, for {@code onlyPending} and {@code trace}; else {@code null}
     * @param onlyPending lint only migrations the target has not applied
     * @param trace       apply the pending migrations to a scratch copy of the target and measure them
     */
    public record Request(EngineKind engine, Path location, LintSettings settings, ConnectionSpec target,
                          MigrationSettings migrationSettings, boolean onlyPending, boolean trace, Path workingDirectory) {
    }

    /** The key queries file looked for beside the migrations. */
    public static final String DEFAULT_QUERIES = "queries.sql";

    private final Request request;

    public LintStep(Request request) {
        this.request = request;
    }

    /** @throws dev.slipway.SlipwayException {@code MASK_RULES_INVALID} when the masking rules are set but do not load */
    public LintReport call() {
        MaskingFile masking = request.settings().masking();
        boolean checked = masking != null && request.settings().severityOf(MaskingCoverage.INFO).isPresent();
        List<Rule> rules = Rules.forRun(checked ? MaskingRules.load(masking) : null);
        Set<String> pending = request.onlyPending() || request.trace() ? pending() : null;
        List<MigrationSources.Named> named = new MigrationSources(request.workingDirectory(),
                request.settings().maxFileBytes()).all(request.engine(), request.location());
        List<LintMigration> all = named.stream().map(MigrationSources.Named::migration).toList();
        List<LintMigration> selected = named.stream().filter(n -> pending == null || pending.contains(n.statusId()))
                .map(MigrationSources.Named::migration).toList();
        LintReport report = new Linter(rules, request.settings()).lint(all, selected::contains);
        if (!request.trace() || selected.isEmpty()) {
            return report;
        }
        MigrationSettings s = request.migrationSettings();
        TracedRun.Result traced = new TracedRun(request.target(), new SessionTimeouts(s.lockTimeout(), s.statementTimeout()),
                request.settings().withQueries(queries())).run(selected);
        return report.withTrace(traced.findings(), traced.traces(), traced.plans());
    }

    /**
     * The key queries: those set ({@code --queries}, {@code lint.queries}), else {@code queries.sql} beside the
     * migrations when there is one, else none: see {@link #defaultQueries}.
     */
    private QueriesFile queries() {
        if (request.settings().queries() != null) {
            return request.settings().queries();
        }
        Path beside = defaultQueries(request.location().toAbsolutePath().normalize());
        return beside != null && Files.isRegularFile(beside) ? QueriesFile.of(beside) : null;
    }

    /**
     * Where the key queries file is looked for: beside a Flyway location folder ({@code migrations/queries.sql} for
     * {@code migrations/flyway}: inside it Flyway would refuse the name, which is no migration's), beside a Liquibase
     * changelog; {@code null} for a location at the root.
     */
    public static Path defaultQueries(Path location) {
        Path dir = location.getParent();
        return dir == null ? null : dir.resolve(DEFAULT_QUERIES);
    }

    private Set<String> pending() {
        List<MigrationEntry> entries = new StatusStep(request.target(), request.engine(), request.location(),
                request.migrationSettings()).call().migrations();
        return entries.stream().filter(e -> e.state() == MigrationState.PENDING)
                .map(e -> request.engine() == EngineKind.FLYWAY ? e.script() : e.id()).collect(Collectors.toSet());
    }
}
