package dev.slipway.mask;

import dev.slipway.mask.rules.Coverage;
import java.util.List;

/**
 * What a masked copy did ({@code --json} prints it).
 *
 * @param outcome     {@code masked} (the golden is complete and marked), {@code checked} ({@code --check},
 *                    coverage complete) or {@code uncovered} ({@code --check}, columns without a rule)
 * @param source      the source URL, secrets redacted
 * @param target      the target URL, secrets redacted; {@code null} with {@code --check}
 * @param tables      per copied table (partitions separately): rows, COPY bytes, time
 * @param heapPeakMb  the JVM's peak heap use during the run (sum of the heap pools' peaks: an upper bound)
 * @param schemaCopy  how the schema was copied: {@code pg_dump (PostgreSQL) 15.18 (/usr/bin)}, or {@code catalog};
 *                    {@code null} with {@code --check}
 * @param analyzeMillis how long {@code ANALYZE} of the masked rows took, after the post-data ({@code postDataMillis})
 */
public record MaskReport(String outcome, String source, String target, String rulesSha256, Coverage coverage,
                         List<TableCount> tables, long rows, long bytes, long copyMillis, long schemaMillis,
                         long postDataMillis, long totalMillis, int jobs, long heapPeakMb, String schemaCopy,
                         long analyzeMillis) {

    /** Rows and bytes of one table, and how long its copy took. */
    public record TableCount(String table, long rows, long bytes, long millis) {
    }

    /** 0 when masked or coverage is complete, 1 when {@code --check} found uncovered columns. */
    public int exitCode() {
        return "uncovered".equals(outcome) ? 1 : 0;
    }
}
