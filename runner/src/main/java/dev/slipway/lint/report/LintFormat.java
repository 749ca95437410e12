package dev.slipway.lint.report;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.Arrays;
import java.util.Locale;

/** How {@code slipway lint} prints its report. */
public enum LintFormat {
    /** Readable text grouped by file, with the trace's measurements. */
    TEXT,
    /** One JSON document: counts, findings, traces. */
    JSON,
    /** SARIF 2.1.0, for code-scanning tools (GitHub code scanning, GitLab, Azure DevOps). */
    SARIF,
    /** GitHub Actions workflow commands: {@code ::error file=…,line=…::…} annotations on the pull request. */
    GITHUB;

    public static LintFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SlipwayException(ErrorCode.USAGE, "--format: '" + text + "' is not a format; use one of "
                    + String.join(", ", Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }
}
