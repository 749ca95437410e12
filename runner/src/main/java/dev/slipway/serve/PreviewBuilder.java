package dev.slipway.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.cli.Json;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.env.EnvironmentProvider;
import dev.slipway.env.PreviewTarget;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.LintStep;
import dev.slipway.lint.MaskingFile;
import dev.slipway.lint.plan.QueriesFile;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import dev.slipway.migrate.backfill.BackfillRuntime;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.DesiredPreview;
import dev.slipway.plan.PreviewState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one preview: records the build, reports {@code pending}, drops the old preview when rebuilding,
 * clones the golden, writes the pull request's migrations out of Git, lints them (traced on a scratch copy of
 * the preview where configured; against the masking rules of the pull request's head where configured), applies
 * them with the migration engine, marks the preview ready or failed, and reports the result. Not thread-safe: the reconcile loop builds one preview at a time.
 */
public final class PreviewBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PreviewBuilder.class);

    /**
     * Everything a build needs besides the pull request.
     *
     * @param maskingPath the masking rules' path inside the repository, read at the pull request's head for
     *                    {@code masking-coverage}; {@code null}: linted without that rule
     */
    public record Settings(EngineKind engine, String migrationsPath, MigrationSettings migration, LintSettings lint,
                           boolean trace, ConnectionSpec stateDb, String owner, String maskingPath) {
    }

    /**
     * Whether the build may still act. A replica that lost leadership mid-build stops at the next step, records
     * the build interrupted and reports nothing: the new leader rebuilds, and its {@code DROP … WITH (FORCE)}
     * ends whatever the old build still runs on the preview.
     */
    @FunctionalInterface
    public interface Fence {
        boolean holds();
    }

    /** How a build ended. */
    public record Outcome(UUID runId, String state, String summary) {
    }

    /** The exit code of errors that say "cannot connect": worth another try with the same head. */
    private static final int TRANSIENT_EXIT_CODE = 3;

    private final EnvironmentProvider provider;
    private final SourceTree sources;
    private final RunStore runs;
    private final StatusPublisher status;
    private final Settings settings;
    private final BackfillBoard backfills;
    private final CommentPublisher comments;

    /**
     * @param comments  given each build's report for its pull request's comment
     * @param backfills told the progress of the backfills among the pull requests' migrations
     */
    public PreviewBuilder(EnvironmentProvider provider, SourceTree sources, RunStore runs, StatusPublisher status,
                          CommentPublisher comments, Settings settings, BackfillBoard backfills) {
        this.comments = comments;
        this.backfills = backfills;
        this.provider = provider;
        this.sources = sources;
        this.runs = runs;
        this.status = status;
        this.settings = settings;
    }

    /**
     * Builds {@code pr} into {@code name}, replacing {@code old} when given. Failures of the pull request's
     * migrations are an outcome, not an exception; so are clone and Git failures, recorded as {@code error}.
     */
    public Outcome build(DesiredPreview pr, String name, ActualPreview old, String reason, Fence fence) {
        UUID run = runs.start(pr.key(), pr.headSha(), name, reason, settings.owner());
        status.pending(pr, run, "building preview " + name);
        LOG.info("building preview {} for {} at {} ({})", name, pr.key(), pr.headSha(), reason);
        PreviewTarget target = null;
        try {
            if (old != null) {
                provider.drop(old);
            }
            target = provider.create(name, pr.key(), pr.headSha());
            if (target.cloned() != null) {
                runs.cloned(run, target.cloned().strategy(), target.cloned().millis());
            }
            return migrate(pr, target, run, fence);
        } catch (Superseded e) {
            LOG.warn("preview {} for {}: this replica lost leadership mid-build; the new leader rebuilds it", name, pr.key());
            String summary = "interrupted: this replica lost leadership during the build; the new leader rebuilds";
            runs.finish(run, "interrupted", summary, null, null);
            return new Outcome(run, "interrupted", summary);
        } catch (SlipwayException e) {
            LOG.warn("preview {} for {} could not be built: {}", name, pr.key(), e.getMessage());
            String summary = "error: " + e.getMessage();
            runs.finish(run, "error", summary, null, e.getMessage());
            markFailed(target, e);
            status.finished(pr, run, false, summary);
            comment(pr, run, name, "error", summary, null, null);
            return new Outcome(run, "error", summary);
        }
    }

    /**
     * Marks a preview whose build failed for a reason of its own (an unknown head commit, a missing migrations
     * folder) {@code failed}, so that it is not rebuilt on every reconciliation as if interrupted and does not show
     * {@code building} for ever; a new head builds it again. A preview whose build could not reach the state
     * database, Git or PostgreSQL stays {@code building}, and the next reconciliation tries again.
     */
    private void markFailed(PreviewTarget target, SlipwayException cause) {
        if (target == null || cause.code().exitCode() == TRANSIENT_EXIT_CODE) {
            return;
        }
        try {
            provider.mark(target, PreviewState.FAILED);
        } catch (SlipwayException e) {
            LOG.warn("preview {} could not be marked failed: {}", target.name(), e.getMessage());
        }
    }

    private Outcome migrate(DesiredPreview pr, PreviewTarget target, UUID run, Fence fence) {
        Path work = tempDir();
        try {
            Path location = checkout(pr.headSha(), work);
            LintSettings lintSettings = keyQueries(pr.headSha(), work, lintSettings(pr.headSha(), work));
            guard(fence);
            LintReport lint = new LintStep(new LintStep.Request(settings.engine(), location, lintSettings,
                    target.connection(), settings.migration(), true, settings.trace(), work)).call();
            guard(fence);
            MigrationReport migration = new MigrateStep(new MigrateRequest(target.connection(), settings.engine(),
                    location, settings.migration(), false, settings.stateDb(), pr.headSha(),
                    BackfillRuntime.DEFAULT.withListener(backfills.listener(target.name()))), RunProgress.NONE).call();
            boolean ok = lint.exitCode() == 0 && migration.succeeded();
            guard(fence);
            provider.mark(target, ok ? PreviewState.READY : PreviewState.FAILED);
            String summary = BuildSummary.of(lint, migration);
            runs.finish(run, ok ? "succeeded" : "failed", summary, detail(lint, migration),
                    migration.succeeded() ? null : migration.error());
            status.finished(pr, run, ok, summary);
            comment(pr, run, target.name(), ok ? "succeeded" : "failed", summary, lint, migration);
            LOG.info("preview {} for {} {}: {}", target.name(), pr.key(), ok ? "ready" : "failed", summary);
            return new Outcome(run, ok ? "succeeded" : "failed", summary);
        } finally {
            deleteTree(work);
        }
    }

    /** Hands the build's report to the pull request's comment; never fails the build. */
    private void comment(DesiredPreview pr, UUID run, String preview, String state, String summary, LintReport lint,
                         MigrationReport migration) {
        try {
            comments.publish(pr.key(), PullRequestReport.markdown(comments.marker(), new PullRequestReport.Build(
                    pr.headSha(), preview, state, summary, lint, migration, settings.maskingPath(), status.link(run),
                    checkoutFolder())));
        } catch (RuntimeException e) {
            LOG.warn("the pull request comment for {} could not be written: {}", pr.key(), e.toString());
        }
    }

    private static void guard(Fence fence) {
        if (!fence.holds()) {
            throw new Superseded();
        }
    }

    /** Thrown inside a build that lost leadership; caught in {@link #build}, never leaves this class. */
    private static final class Superseded extends RuntimeException {
        Superseded() {
            super("leadership lost", null, false, false);
        }
    }

    /**
     * The lint settings of this build: with {@code masking-coverage} checking against the masking rules of the pull
     * request's own head, which may add a column and its rule together.
     */
    private LintSettings lintSettings(String sha, Path work) {
        String path = settings.maskingPath();
        if (path == null) {
            return settings.lint();
        }
        byte[] rules = sources.file(sha, path);
        if (rules == null) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, "masking rules file " + path + " (serve.repository"
                    + ".masking) does not exist at commit " + sha + "; add it in the pull request, or remove "
                    + "serve.repository.masking to lint pull requests without masking-coverage");
        }
        Path file = work.resolve("masking").resolve(path.substring(path.lastIndexOf('/') + 1));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the masking rules of " + sha + " to " + file, e);
        }
        return settings.lint().withMasking(new MaskingFile(file, path));
    }

    /**
     * These settings with the key queries of the head commit, when it has them: {@code queries.sql} beside the
     * migrations folder (Flyway) or changelog (Liquibase), as {@code slipway lint} finds it in a checkout. Without one,
     * the configured {@code lint.queries}, if any.
     */
    private LintSettings keyQueries(String sha, Path work, LintSettings lint) {
        String dir = parent(settings.migrationsPath().replaceAll("/+$", ""));
        String queries = (dir.isEmpty() ? "" : dir + "/") + LintStep.DEFAULT_QUERIES;
        byte[] text = sources.file(sha, queries);
        if (text == null) {
            return lint;
        }
        Path file = work.resolve("queries").resolve(LintStep.DEFAULT_QUERIES);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key queries of " + sha + " to " + file, e);
        }
        return lint.withQueries(new QueriesFile(file, queries));
    }

    /** The repository folder {@link #checkout} extracts into {@code tree/}. */
    private String checkoutFolder() {
        String path = settings.migrationsPath();
        return changelogFile() ? parent(path) : path;
    }

    private static String parent(String path) {
        return path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    }

    /** The migrations of the head commit; for a changelog file, its whole folder (it may include others). */
    private Path checkout(String sha, Path work) {
        String path = settings.migrationsPath();
        String folder = checkoutFolder();
        Path tree = work.resolve("tree");
        sources.extract(sha, folder, tree);
        return changelogFile() ? tree.resolve(path.substring(path.lastIndexOf('/') + 1)) : tree;
    }

    private boolean changelogFile() {
        return settings.engine() == EngineKind.LIQUIBASE && settings.migrationsPath().matches(".*\\.(ya?ml|xml|json|sql)");
    }

    /** What a build keeps of its lint and migration reports ({@code slipway.preview_runs.detail}): the gate reads it. */
    public static String detail(LintReport lint, MigrationReport migration) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("lint", Json.MAPPER.valueToTree(lint));
        n.set("migration", Json.MAPPER.valueToTree(migration));
        return n.toString();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("slipway-preview-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder for a preview build", e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete working folder {}: {}", dir, e.getMessage());
        }
    }
}
