package dev.slipway.lint;

import dev.slipway.CloseMatches;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.LintConfig;
import dev.slipway.lint.plan.QueriesFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the linter is configured ({@code lint:} in slipway.yaml).
 *
 * @param severities   per-rule severity overrides; {@link Optional#empty()} turns a rule off
 * @param maxFileBytes files larger than this are reported as unlintable, never read into memory
 * @param trace        thresholds of the traced run's findings
 * @param masking      the masking rules {@code masking-coverage} checks against; {@code null}: that rule does not run
 * @param queries      the key queries a traced run explains before and after the migrations; {@code null}: the
 *                     default file beside the migrations, if there is one
 */
public record LintSettings(Map<String, Optional<Severity>> severities, long maxFileBytes, TraceThresholds trace,
                           MaskingFile masking, QueriesFile queries) {

    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    public static final LintSettings DEFAULT = new LintSettings(Map.of(), DEFAULT_MAX_FILE_BYTES, TraceThresholds.DEFAULT);

    public LintSettings {
        severities = Map.copyOf(severities);
    }

    /** Settings without masking rules. */
    public LintSettings(Map<String, Optional<Severity>> severities, long maxFileBytes, TraceThresholds trace) {
        this(severities, maxFileBytes, trace, null, null);
    }

    /** These settings checking new columns against {@code file} ({@code null}: not at all). */
    public LintSettings withMasking(MaskingFile file) {
        return new LintSettings(severities, maxFileBytes, trace, file, queries);
    }

    /** These settings explaining the key queries of {@code file}. */
    public LintSettings withQueries(QueriesFile file) {
        return new LintSettings(severities, maxFileBytes, trace, masking, file);
    }

    /**
     * The settings of slipway.yaml's {@code lint:} section, its rule ids checked against the rules known.
     *
     * @param file where the configuration came from, for the error message
     * @throws SlipwayException {@link ErrorCode#CONFIG_INVALID} naming an unknown rule id and the close ones
     */
    public static LintSettings from(LintConfig config, Path file, Set<String> knownIds) {
        Map<String, Optional<Severity>> severities = new LinkedHashMap<>();
        config.severities().forEach((id, level) -> {
            if (!knownIds.contains(id)) {
                throw new SlipwayException(ErrorCode.CONFIG_INVALID, file + ": key 'lint.rules." + id + "': no rule has "
                        + "the id '" + id + "'" + CloseMatches.hint(id, knownIds) + " (slipway lint --list-rules lists them)");
            }
            severities.put(id, level.equals("off") ? Optional.empty() : Optional.of(Severity.parse(level, "lint.rules." + id)));
        });
        return new LintSettings(severities, config.maxFileBytes(), new TraceThresholds(config.largeTableBytes(),
                config.maxAccessExclusive(), config.rewriteTableBytes(), config.planCostRatio()),
                config.masking() == null ? null : MaskingFile.of(config.masking()),
                config.queries() == null ? null : QueriesFile.of(config.queries()));
    }

    /** The severity a rule's findings get, or empty when the rule is off. */
    public Optional<Severity> severityOf(RuleInfo rule) {
        return severities.getOrDefault(rule.id(), Optional.of(rule.severity()));
    }
}
