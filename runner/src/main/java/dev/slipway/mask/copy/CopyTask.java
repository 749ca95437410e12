package dev.slipway.mask.copy;

import dev.slipway.mask.catalog.Sql;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import dev.slipway.mask.rules.MaskRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One COPY of the copy phase: a whole table, or one range of its pages. A large table is split into page
 * ranges so that every job shares its rows; all parts read in the run's one snapshot, and the ranges cover
 * every page (the last is open-ended), so together they copy each row of the table exactly once.
 *
 * @param part     which part, from 0
 * @param parts    how many parts the table has; 1 for a whole table
 * @param fromPage the first page of the range, inclusive
 * @param toPage   the page the range ends before, or -1 for the end of the table
 */
public record CopyTask(TablePlan table, int part, int parts, long fromPage, long toPage, boolean binary) {

    /**
     * How the tasks are made.
     *
     * @param tidRangeScan whether the source reads a range of pages without scanning the table (PostgreSQL 14
     *                     and later). Without it each part scans the whole table, so a table gets only as many
     *                     parts as there are jobs.
     * @param binary       whether source and target share the binary COPY format (one major version): tables
     *                     that mask nothing are then copied in it, which spares both servers the text
     */
    public record Setup(int jobs, boolean tidRangeScan, boolean binary) {
    }

    /** PostgreSQL's default block size: only sizes the parts, which cover the table whatever it is. */
    static final long PAGE_BYTES = 8192;

    /** Tables smaller than two parts of this many pages (8 MB each) are copied whole. */
    public static final long MIN_PART_PAGES = 1024;

    /** Parts per job for a large table when the server scans page ranges: a late part stays short. */
    static final int PARTS_PER_JOB = 4;

    /** The tasks for {@code tables}: those of tables that mask first (they cost the most per row), then by size. */
    static List<CopyTask> split(List<TablePlan> tables, Setup setup) {
        List<TablePlan> ordered = new ArrayList<>(tables);
        ordered.sort(Comparator.comparing((TablePlan t) -> !t.masks()).thenComparing(TablePlan::bytes,
                Comparator.reverseOrder()));
        List<CopyTask> tasks = new ArrayList<>();
        for (TablePlan t : ordered) {
            tasks.addAll(parts(t, partsOf(t, setup.jobs(), setup.tidRangeScan()), setup.binary() && t.binaryCopy()));
        }
        return List.copyOf(tasks);
    }

    private static int partsOf(TablePlan t, int jobs, boolean tidRangeScan) {
        long pages = t.bytes() / PAGE_BYTES;
        if (jobs < 2 || t.columns().isEmpty() || t.mode() == MaskRules.Mode.TRUNCATE || pages < 2 * MIN_PART_PAGES) {
            return 1;
        }
        return (int) Math.min(pages / MIN_PART_PAGES, tidRangeScan ? (long) jobs * PARTS_PER_JOB : jobs);
    }

    private static List<CopyTask> parts(TablePlan t, int n, boolean binary) {
        if (n == 1) {
            return List.of(new CopyTask(t, 0, 1, 0, -1, binary));
        }
        long pages = t.bytes() / PAGE_BYTES;
        List<CopyTask> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new CopyTask(t, i, n, pages * i / n, i == n - 1 ? -1 : pages * (i + 1) / n, binary));
        }
        return parts;
    }

    /** The source side: {@code COPY ... TO STDOUT} of this task's rows and columns. */
    String copyOut() {
        if (parts == 1) {
            return "COPY " + table.table().sql() + columnList() + " TO STDOUT" + format();
        }
        String from = fromPage > 0 ? " ctid >= '(" + fromPage + ",0)'::tid" : "";
        String to = toPage >= 0 ? " ctid < '(" + toPage + ",0)'::tid" : "";
        String where = from + (!from.isEmpty() && !to.isEmpty() ? " AND" : "") + to;
        return "COPY (SELECT " + table.columns().stream().map(Sql::ident).collect(Collectors.joining(", "))
                + " FROM ONLY " + table.table().sql() + " WHERE" + where + ") TO STDOUT" + format();
    }

    /** The target side: {@code COPY ... FROM STDIN}. */
    String copyIn() {
        return "COPY " + table.table().sql() + columnList() + " FROM STDIN" + format();
    }

    private String format() {
        return binary ? " (FORMAT binary)" : "";
    }

    /** For messages: empty for a whole table, else the page range, e.g. {@code " (pages 0 to 1023)"}. */
    String range() {
        String last = toPage < 0 ? "the end" : String.valueOf(toPage - 1);
        return parts == 1 ? "" : " (pages " + fromPage + " to " + last + ")";
    }

    private String columnList() {
        return table.columns().isEmpty() ? "" : table.columns().stream().map(Sql::ident)
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
