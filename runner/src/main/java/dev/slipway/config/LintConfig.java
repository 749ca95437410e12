package dev.slipway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code lint:} section of slipway.yaml, validated for shape; the rule ids are checked by the linter,
 * which knows them.
 *
 * @param severities         rule id to {@code error}, {@code warning}, {@code info} or {@code off}
 * @param maxFileBytes       larger migration files are reported, not read
 * @param largeTableBytes    the traced run's "large table"
 * @param maxAccessExclusive the traced run's longest acceptable ACCESS EXCLUSIVE hold on a large table
 * @param rewriteTableBytes  the traced run reports rewrites of tables at least this big
 * @param masking            {@code lint.masking}: the masking rules new columns are checked against, resolved against
 *                           the file's folder; {@code null} when not set
 * @param planCostRatio      {@code lint.trace.planCostRatio}: a key query's plan costing more than this many times
 *                           its cost before the migrations is a regression
 * @param queries            {@code lint.queries}: the key queries file, resolved against the file's folder;
 *                           {@code null} when not set
 */
public record LintConfig(Map<String, String> severities, long maxFileBytes, long largeTableBytes,
                         Duration maxAccessExclusive, long rewriteTableBytes, Path masking, double planCostRatio,
                         Path queries) {

    public static final List<String> LEVELS = List.of("error", "warning", "info", "off");

    public static final LintConfig DEFAULT = new LintConfig(Map.of(), 16L * 1024 * 1024, 10L * 1024 * 1024,
            Duration.ofSeconds(1), 1024L * 1024, null, 2.0, null);

    public LintConfig {
        severities = Map.copyOf(severities);
    }

    /** A section without {@code masking}. */
    public LintConfig(Map<String, String> severities, long maxFileBytes, long largeTableBytes, Duration maxAccessExclusive,
                      long rewriteTableBytes) {
        this(severities, maxFileBytes, largeTableBytes, maxAccessExclusive, rewriteTableBytes, null, 2.0, null);
    }
}
