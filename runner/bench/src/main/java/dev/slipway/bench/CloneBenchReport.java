package dev.slipway.bench;

import java.util.List;
import java.util.Locale;

/**
 * What {@code slipway bench clone} measured, and its two targets: push-to-ready with the clone strategy does not grow
 * with the golden (the largest within {@value #FLAT_RATIO}x of the smallest), and is at least {@value #DUMP_RATIO}x
 * faster than {@code pg_dump | pg_restore} of the golden nearest {@link CloneBench.Options#dumpGb()}.
 *
 * @param volume where PostgreSQL 18's data directory was
 * @param dump   {@code pg_dump | pg_restore}; {@code null} when not run
 */
public record CloneBenchReport(Machine machine, String volume, CloneBench.Options options, List<Size> sizes,
                               PushToReadyPhase.DumpRestore dump) {

    public static final double FLAT_RATIO = 1.5;
    public static final double DUMP_RATIO = 20;

    /** What the run on PostgreSQL 18 gave. */
    record Run(Machine machine, List<Size> sizes) {
    }

    /**
     * One golden.
     *
     * @param walLogMs      {@code STRATEGY WAL_LOG}
     * @param fileCopyMs    {@code STRATEGY FILE_COPY} with {@code file_copy_method = copy}
     * @param cloneMs       {@code STRATEGY FILE_COPY} with {@code file_copy_method = clone}, median
     * @param bytesPerClone file system space each of three side-by-side reflink clones took
     * @param strategy      what the local provider chose
     * @param readyMs       push-to-ready (provider create + Slipway's migrate + ready mark), median
     */
    public record Size(double gb, long goldenBytes, long walLogMs, long fileCopyMs, long cloneMs, long bytesPerClone,
                       String strategy, long readyMs) {
    }

    /** Push-to-ready of the largest golden over that of the smallest. */
    public double flatRatio() {
        Size small = sizes.stream().min(java.util.Comparator.comparingDouble(Size::gb)).orElseThrow();
        Size large = sizes.stream().max(java.util.Comparator.comparingDouble(Size::gb)).orElseThrow();
        return (double) large.readyMs() / Math.max(1, small.readyMs());
    }

    /** {@code pg_dump | pg_restore} over push-to-ready of the golden nearest its size; 0 when not measured. */
    public double dumpRatio() {
        if (dump == null || dump.millis() == null) {
            return 0;
        }
        Size near = sizes.stream().min(java.util.Comparator.comparingDouble(s -> Math.abs(s.gb() - options.dumpGb())))
                .orElseThrow();
        return (double) dump.millis() / Math.max(1, near.readyMs());
    }

    public boolean targetsMet() {
        return flatRatio() <= FLAT_RATIO && (options.dumpGb() <= 0 || dumpRatio() >= DUMP_RATIO);
    }

    /** The report as the CLI prints it. */
    public String text() {
        StringBuilder out = new StringBuilder(ReportText.header("clone", machine, String.format(Locale.ROOT,
                "sizes %s GB, %d rounds, data on %s", options.sizesGb(), options.rounds(), volume)));
        TextTable t = new TextTable().row("golden", "WAL_LOG", "FILE_COPY (copy)", "FILE_COPY (clone)", "space per clone",
                "push-to-ready", "strategy");
        for (Size s : sizes) {
            t.row(String.format(Locale.ROOT, "%.2f GB", s.goldenBytes() / 1e9), ms(s.walLogMs()), ms(s.fileCopyMs()),
                    ms(s.cloneMs()), String.format(Locale.ROOT, "%.1f MB", s.bytesPerClone() / 1e6), ms(s.readyMs()),
                    s.strategy());
        }
        out.append('\n').append(t);
        out.append(String.format(Locale.ROOT, "%npush-to-ready, largest / smallest golden: %.2f (target <= %.1f) %s%n",
                flatRatio(), FLAT_RATIO, flatRatio() <= FLAT_RATIO ? "met" : "MISSED"));
        if (dump != null) {
            out.append(dump.millis() == null ? "pg_dump | pg_restore: not run: " + dump.note() + "\n"
                    : String.format(Locale.ROOT, "pg_dump | pg_restore of %.1f GB: %s (%s)%n  over push-to-ready: %.1fx "
                            + "(target >= %.0fx) %s%n", options.dumpGb(), ms(dump.millis()), dump.note(), dumpRatio(),
                            DUMP_RATIO, dumpRatio() >= DUMP_RATIO ? "met" : "MISSED"));
        }
        return out.toString();
    }

    private static String ms(long value) {
        return String.format(Locale.ROOT, "%,d ms", value);
    }
}
