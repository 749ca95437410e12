package dev.slipway.mask;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.ServerIdentity;
import dev.slipway.mask.catalog.SourceCatalog;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.copy.CopyPhase;
import dev.slipway.mask.copy.CopyTask;
import dev.slipway.mask.copy.MaskProgress;
import dev.slipway.mask.copy.TableCopy;
import dev.slipway.mask.golden.Analyze;
import dev.slipway.mask.golden.KeyQueryCapture;
import dev.slipway.mask.golden.GoldenMark;
import dev.slipway.mask.golden.TargetDatabase;
import dev.slipway.mask.golden.TargetFit;
import dev.slipway.mask.rules.Coverage;
import dev.slipway.mask.rules.MaskPlan;
import dev.slipway.mask.rules.MaskPlanner;
import dev.slipway.mask.rules.MaskRules;
import dev.slipway.mask.rules.RulesLoader;
import dev.slipway.mask.schema.Ddl;
import dev.slipway.mask.schema.PostData;
import dev.slipway.mask.schema.SchemaApplier;
import dev.slipway.mask.schema.SchemaCopy;
import dev.slipway.mask.transform.Keyring;
import dev.slipway.migrate.RunContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * {@code slipway mask}: a masked copy of the source into the target. In order: rules checked against the
 * source catalog (unknown names, misfits, coverage: nothing is touched when one fails), the target marked
 * incomplete and emptied, the schema created, rows streamed through the transformers, indexes and
 * constraints built, the target marked masked. Any failure leaves the mark incomplete. Reading and masking
 * begin once the target passed its checks, while it is prepared; no row reaches it before it is marked.
 */
public final class MaskStep {

    private final MaskRequest request;
    private final MaskProgress progress;
    /** The source's key queries, read before the copy starts (so a refusal loses nothing); null when not asked for. */
    private List<KeyQueryCapture.Captured> keyQueries;

    public MaskStep(MaskRequest request, MaskProgress progress) {
        this.request = request;
        this.progress = progress;
    }

    /**
     * @throws SlipwayException {@link ErrorCode#MASK_RULES_INVALID}, {@link ErrorCode#MASK_UNCOVERED},
     *                          {@link ErrorCode#MASK_TARGET_REFUSED}, {@link ErrorCode#USAGE} (source is target),
     *                          {@link ErrorCode#MASK_FAILED}, {@link ErrorCode#MASK_COLLISION},
     *                          {@link ErrorCode#CONNECTION_FAILED}
     */
    public MaskReport call() {
        long start = System.nanoTime();
        HeapPeak heap = HeapPeak.start();
        // the rules are read on a thread of their own while the source's catalog is (each takes a cold JVM ~0.1 s)
        FutureTask<MaskRules> reading = new FutureTask<>(() -> RulesLoader.load(request.rules()));
        Thread reader = new Thread(reading, "slipway-mask-rules");
        reader.setDaemon(true);
        reader.start();
        try {
            return call(reading, start, heap);
        } catch (RuntimeException e) {
            rules(reading); // a fault in the rules is what the user hears of first, as before anything connected
            throw e;
        }
    }

    private MaskReport call(FutureTask<MaskRules> reading, long start, HeapPeak heap) {
        try (Connection source = request.source().open("slipway-mask", null)) {
            source.setAutoCommit(false);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            source.setReadOnly(true);
            progress.phase("reading the source catalog of " + request.source().redactedUrl());
            String snapshot = exportSnapshot(source);
            SourceCatalog catalog = SourceCatalog.read(source);
            MaskRules rules = rules(reading);
            MaskPlan plan = MaskPlanner.plan(rules, catalog, keys());
            requireUsable(rules, plan);
            if (request.check()) {
                return new MaskReport(plan.coverage().complete() ? "checked" : "uncovered", request.source().redactedUrl(),
                        null, rules.sha256(), plan.coverage(), List.of(), 0, 0, 0, 0, 0, millis(start), request.jobs(), 0, null, 0);
            }
            requireCovered(rules, plan.coverage());
            keyQueries = request.keyQueries() == 0 ? null
                    : KeyQueryCapture.read(source, request.source().redactedUrl(), request.keyQueries());
            return copy(source, snapshot, rules, plan, start, heap);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.MASK_FAILED, "the masked copy from " + request.source().redactedUrl()
                    + " failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); a target already marked "
                    + "incomplete stays so", e);
        }
    }

    /** The rules once read; throws what reading them threw. */
    private static MaskRules rules(FutureTask<MaskRules> reading) {
        try {
            return reading.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new SlipwayException(ErrorCode.INTERNAL, "reading the rules failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.MASK_FAILED, "interrupted while reading the rules");
        }
    }

    private Keyring keys() {
        // --check needs no secret: it builds transformers only to see whether they fit
        return request.keys() != null ? request.keys() : Keyring.of(new byte[32]);
    }

    private static String exportSnapshot(Connection source) throws SQLException {
        try (Statement st = source.createStatement()) {
            st.execute("SELECT pg_catalog.set_config('search_path', '', true)");
            try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void requireUsable(MaskRules rules, MaskPlan plan) {
        if (!plan.problems().isEmpty()) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, rules.file() + " does not fit the source ("
                    + plan.problems().size() + " problem" + (plan.problems().size() == 1 ? "" : "s") + "):\n  "
                    + String.join("\n  ", plan.problems()));
        }
    }

    private static void requireCovered(MaskRules rules, Coverage coverage) {
        if (!coverage.complete()) {
            throw new SlipwayException(ErrorCode.MASK_UNCOVERED, coverage.uncovered().size() + " column"
                    + (coverage.uncovered().size() == 1 ? " has" : "s have") + " no rule in " + rules.file()
                    + ", so nothing was copied (masking is fail-closed):\n  " + String.join("\n  ", coverage.uncovered())
                    + "\nAdd each to its table's 'columns:' with a transformer, or 'keep' when it holds no personal data");
        }
    }

    private MaskReport copy(Connection source, String snapshot, MaskRules rules, MaskPlan plan, long start, HeapPeak heap)
            throws SQLException {
        if (request.keys() == null) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "the masking secret is missing; see --secret-env");
        }
        ServerIdentity from = ServerIdentity.of(source);
        try (Connection target = request.target().open("slipway-mask", null)) {
            ServerIdentity to = ServerIdentity.of(target);
            requireDistinct(from, to);
            TargetDatabase.requireEmptyOrGolden(target, request.target().redactedUrl());
            try (SchemaCopy schema = SchemaCopy.prepare(request, source, target, snapshot, from.major(), plan.tables())) {
                List<Ddl> sequences = PostData.sequenceValues(source);
                return copy(source, snapshot, rules, plan, schema, sequences, target, from, to, start, heap);
            }
        }
    }

    private MaskReport copy(Connection source, String snapshot, MaskRules rules, MaskPlan plan, SchemaCopy schema,
                            List<Ddl> sequences, Connection target, ServerIdentity from, ServerIdentity to, long start,
                            HeapPeak heap) throws SQLException {
        CopyTask.Setup setup = new CopyTask.Setup(request.jobs(), from.major() >= 14, from.major() == to.major());
        try (CopyPhase copy = CopyPhase.start(request.source(), request.target(), snapshot, progress, plan.tables(),
                setup)) {
            // reading and masking go on while pg_dump runs and the target is checked: nothing reached it yet
            requireFit(source, target, schema, from, to);
            GoldenMark.begin(target, rules.sha256(), request.source().redactedUrl(), from.describe(),
                    RunContext.slipwayVersion());
            progress.phase("target " + request.target().redactedUrl() + " marked incomplete; recreating the schema ("
                    + (SchemaCopy.CATALOG.equals(schema.how()) ? "catalog copy of a plain schema" : schema.how()) + ")");
            try {
                return copyInto(schema, sequences, target, to, copy, rules, plan, start, heap);
            } catch (SlipwayException e) {
                recordFailure(target, e.code() + ": " + e.getMessage(), e);
                throw e;
            } catch (SQLException e) {
                recordFailure(target, ErrorCode.MASK_FAILED + ": " + e.getMessage(), e);
                throw e;
            }
        }
    }

    private void requireFit(Connection source, Connection target, SchemaCopy schema, ServerIdentity from,
                            ServerIdentity to) throws SQLException {
        for (String role : TargetFit.require(source, target, request.target().redactedUrl(), from.major(), to.major(),
                schema.owners(), request.createMissingRoles(), request.withoutLargeObjects())) {
            progress.phase("created role " + role + " (NOLOGIN) on the target server: the source's objects name it");
        }
        TargetFit.leftBehind(source, request.withoutLargeObjects()).forEach(progress::phase);
    }

    /** Notes in the mark, which stays incomplete, why the copy failed; a target that cannot take it loses nothing. */
    private static void recordFailure(Connection target, String error, Exception failure) {
        try {
            GoldenMark.fail(target, error);
        } catch (SQLException recordFailed) {
            failure.addSuppressed(recordFailed);
        }
    }

    private MaskReport copyInto(SchemaCopy schema, List<Ddl> sequences, Connection target, ServerIdentity to,
                                CopyPhase copy, MaskRules rules, MaskPlan plan, long start, HeapPeak heap)
            throws SQLException {
        long t0 = System.nanoTime();
        TargetDatabase.clean(target);
        schema.preData(target);
        long schemaMillis = millis(t0);
        progress.phase("copying " + plan.tables().size() + " tables with " + request.jobs() + " job"
                + (request.jobs() == 1 ? "" : "s"));
        long t1 = System.nanoTime();
        List<TableCopy.Result> copied = copy.finish();
        long copyMillis = millis(t1);
        progress.phase("setting sequences; creating indexes, constraints, triggers, rules, policies");
        long t2 = System.nanoTime();
        try (Statement st = target.createStatement()) {
            sequences.forEach(d -> SchemaApplier.run(st, d));
        }
        schema.postData(target, request.jobs());
        long postMillis = millis(t2);
        progress.phase("computing the planner's statistics from the masked rows (ANALYZE)");
        long t3 = System.nanoTime();
        Analyze.run(target, request.target(), request.jobs(), to.major());
        long analyzeMillis = millis(t3);
        if (keyQueries != null) {
            KeyQueryCapture.write(target, keyQueries);
            progress.phase("kept " + keyQueries.size() + " key queries from pg_stat_statements (statement texts only) "
                    + "in slipway.key_queries");
        }
        GoldenMark.complete(target, rowCounts(plan, copied));
        progress.phase("target marked masked");
        long rows = copied.stream().mapToLong(TableCopy.Result::rows).sum();
        long bytes = copied.stream().mapToLong(TableCopy.Result::bytesIn).sum();
        List<MaskReport.TableCount> tables = copied.stream().map(r -> new MaskReport.TableCount(r.table().toString(),
                r.rows(), r.bytesIn(), r.millis())).toList();
        return new MaskReport("masked", request.source().redactedUrl(), request.target().redactedUrl(), rules.sha256(),
                plan.coverage(), tables, rows, bytes, copyMillis, schemaMillis, postMillis, millis(start), request.jobs(),
                heap.peakMb(), schema.how(), analyzeMillis);
    }

    private void requireDistinct(ServerIdentity from, ServerIdentity to) {
        if (from.sameDatabase(to)) {
            throw new SlipwayException(ErrorCode.USAGE, "the source " + request.source().redactedUrl() + " and the target "
                    + request.target().redactedUrl() + " are the same database (" + from.database() + " on one server); "
                    + "the target is emptied before the copy, so give a different, empty database as --target");
        }
    }

    /** Rows per rule table: partitions count under their root. */
    private static Map<String, Long> rowCounts(MaskPlan plan, List<TableCopy.Result> copied) {
        Map<TableName, TableName> ruleTable = new LinkedHashMap<>();
        plan.tables().forEach(t -> ruleTable.put(t.table(), t.ruleTable()));
        Map<String, Long> counts = new java.util.TreeMap<>();
        copied.forEach(r -> counts.merge(ruleTable.get(r.table()).toString(), r.rows(), Long::sum));
        return counts;
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
