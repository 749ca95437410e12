package dev.slipway.lint;

import java.util.Map;
import java.util.Optional;

/**
 * How the linter is configured ({@code lint:} in slipway.yaml).
 *
 * @param severities   per-rule severity overrides; {@link Optional#empty()} turns a rule off
 * @param maxFileBytes files larger than this are reported as unlintable, never read into memory
 * @param trace        thresholds of the traced run's findings
 */
public record LintSettings(Map<String, Optional<Severity>> severities, long maxFileBytes, TraceThresholds trace) {

    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    public static final LintSettings DEFAULT = new LintSettings(Map.of(), DEFAULT_MAX_FILE_BYTES, TraceThresholds.DEFAULT);

    public LintSettings {
        severities = Map.copyOf(severities);
    }

    /** The severity a rule's findings get, or empty when the rule is off. */
    public Optional<Severity> severityOf(RuleInfo rule) {
        return severities.getOrDefault(rule.id(), Optional.of(rule.severity()));
    }
}
