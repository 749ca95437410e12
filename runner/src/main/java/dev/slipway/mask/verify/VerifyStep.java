package dev.slipway.mask.verify;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.catalog.RowSecurity;
import dev.slipway.mask.catalog.SourceCatalog;
import dev.slipway.mask.catalog.Sql;
import dev.slipway.mask.golden.GoldenMark;
import dev.slipway.mask.rules.MaskPlan.MaskedColumn;
import dev.slipway.mask.rules.MaskPlan;
import dev.slipway.mask.rules.MaskPlanner;
import dev.slipway.mask.rules.MaskRules;
import dev.slipway.mask.rules.RulesLoader;
import dev.slipway.mask.transform.Keyring;
import dev.slipway.mask.verify.VerifyReport.Check;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code slipway mask verify}: proves that no clear value of a masked column reached the target. For each
 * masked column, the source's and the target's values are hashed and sorted by each server and merged as
 * they stream (all rows, constant memory): a source value found anywhere in the target's column is a leak.
 * Transformers with a small output space by design (names, shifted dates, noised numbers) are checked row
 * by row instead, by primary key: the row's value must have changed. Finally a sample of clear source values
 * is searched for inside every text column of the target. Reads both databases; writes nothing.
 */
public final class VerifyStep {

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final Path rules;
    private final int sample;

    public VerifyStep(ConnectionSpec source, ConnectionSpec target, Path rules, int sample) {
        this.source = source;
        this.target = target;
        this.rules = rules;
        this.sample = sample;
    }

    public VerifyReport call() {
        MaskRules r = RulesLoader.load(rules);
        try (Connection src = source.open("slipway-mask-verify", null);
             Connection tgt = target.open("slipway-mask-verify", null)) {
            src.setAutoCommit(false);
            tgt.setAutoCommit(false);
            RowSecurity.noHiddenRows(src);
            RowSecurity.noHiddenRows(tgt);
            String mark = GoldenMark.read(tgt).map(GoldenMark::status).orElse("none");
            MaskPlan plan = MaskPlanner.plan(r, SourceCatalog.read(src), Keyring.of(new byte[32]));
            if (!plan.problems().isEmpty()) {
                throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, rules + " does not fit the source:\n  "
                        + String.join("\n  ", plan.problems()));
            }
            List<Check> checks = new ArrayList<>();
            for (MaskedColumn c : plan.masked()) {
                checks.add(c.rowChecked() ? rowCheck(src, tgt, c) : setCheck(src, tgt, c));
            }
            List<String> sampled = SampleSearch.sample(src, plan.masked(), sample);
            checks.addAll(SampleSearch.search(tgt, sampled));
            long leaks = checks.stream().mapToLong(Check::leaks).sum();
            return new VerifyReport(source.redactedUrl(), target.redactedUrl(), mark, checks, sampled.size(), leaks);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.MASK_FAILED, "verify failed reading " + source.redactedUrl() + " or "
                    + target.redactedUrl() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")"
                    + RowSecurity.hint(e), e);
        }
    }

    /**
     * Source rows whose value (by hash) appears anywhere in the target's column. Values are compared as the bytes of
     * their text, whatever the column's collation; text is compared case-folded ({@code lower}), since a case variant
     * of an email is still the email, and a case-insensitive collation would call them equal. NULL and empty values
     * are counted apart.
     */
    private static Check setCheck(Connection src, Connection tgt, MaskedColumn c) throws SQLException {
        String value = comparable(c);
        String sql = "SELECT md5(" + value + ") COLLATE \"C\" AS h, count(*) FROM " + c.table().sql()
                + " WHERE NOT " + empty(c) + " GROUP BY 1 ORDER BY 1";
        long rows = 0;
        long leaks = 0;
        try (HashStream a = new HashStream(src, sql); HashStream b = new HashStream(tgt, sql)) {
            while (a.more()) {
                int cmp = b.more() ? a.key().compareTo(b.key()) : -1;
                if (cmp <= 0) {
                    rows += a.count();
                    leaks += cmp == 0 ? a.count() : 0;
                    a.next();
                } else {
                    b.next();
                }
            }
        }
        return new Check(c.table() + "." + c.column(), "set", rows, leaks, countEmpty(src, c));
    }

    /** The column as text to hash: its bytes in the default collation, case-folded for text. */
    static String comparable(MaskedColumn c) {
        String text = Sql.ident(c.column()) + "::text COLLATE \"default\"";
        return c.textual() ? "lower(" + text + ")" : text;
    }

    /** Whether the column's value holds nothing to leak: NULL, or an empty text, array, object or JSON string. */
    static String empty(MaskedColumn c) {
        return "coalesce(" + Sql.ident(c.column()) + "::text COLLATE \"C\" IN ('', '{}', '[]', '\"\"'), true)";
    }

    private static long countEmpty(Connection src, MaskedColumn c) throws SQLException {
        try (var st = src.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + c.table().sql()
                + " WHERE " + empty(c))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Rows (matched by primary key) whose value is the same in the target as in the source (compared as
     * {@link #setCheck} compares); rows whose source value is NULL or empty are counted apart.
     */
    private static Check rowCheck(Connection src, Connection tgt, MaskedColumn c) throws SQLException {
        String key = c.rowKey().stream().map(Sql::ident).collect(Collectors.joining(", ", "ROW(", ")"));
        String sql = "SELECT md5(" + key + "::text) COLLATE \"C\" AS k, CASE WHEN " + empty(c) + " THEN NULL ELSE md5("
                + comparable(c) + ") END FROM " + c.table().sql() + " ORDER BY 1";
        long rows = 0;
        long leaks = 0;
        long empty = 0;
        try (HashStream a = new HashStream(src, sql); HashStream b = new HashStream(tgt, sql)) {
            while (a.more()) {
                int cmp = b.more() ? a.key().compareTo(b.key()) : -1;
                if (cmp == 0 && a.value() != null && a.value().equals(b.value())) {
                    leaks++;
                }
                if (cmp <= 0) {
                    rows++;
                    empty += a.value() == null ? 1 : 0;
                    a.next();
                }
                if (cmp >= 0) {
                    b.next();
                }
            }
        }
        return new Check(c.table() + "." + c.column(), "row", rows - empty, leaks, empty);
    }
}
