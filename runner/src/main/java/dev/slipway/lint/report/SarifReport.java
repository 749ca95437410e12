package dev.slipway.lint.report;

import dev.slipway.lint.Finding;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.RuleInfo;
import dev.slipway.lint.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a SARIF 2.1.0 log of a lint report: one run whose tool driver lists every rule (id, short and
 * full description, help, default level) and whose results point at file, line and column, relative to
 * {@code %SRCROOT%} so code-scanning tools can place them in the repository.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    /** The SARIF log as maps and lists, ready for a JSON writer. */
    public static Map<String, Object> of(LintReport report, List<RuleInfo> rules, String toolVersion) {
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "slipway");
        driver.put("version", toolVersion);
        driver.put("rules", rules.stream().map(SarifReport::rule).toList());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("columnKind", "utf16CodeUnits");
        List<Object> results = new ArrayList<>();
        List<String> ids = rules.stream().map(RuleInfo::id).toList();
        for (Finding f : report.findings()) {
            results.add(result(f, ids.indexOf(f.rule())));
        }
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static Map<String, Object> rule(RuleInfo r) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", r.id());
        rule.put("name", r.id());
        rule.put("shortDescription", Map.of("text", r.title()));
        rule.put("fullDescription", Map.of("text", r.why()));
        rule.put("help", Map.of("text", "Safe alternative: " + r.fix()));
        rule.put("defaultConfiguration", Map.of("level", level(r.severity())));
        return rule;
    }

    private static Map<String, Object> result(Finding f, int ruleIndex) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", f.rule());
        if (ruleIndex >= 0) {
            result.put("ruleIndex", ruleIndex);
        }
        result.put("level", level(f.severity()));
        result.put("message", Map.of("text", f.message() + ". Why: " + f.why() + ". Instead: " + f.fix()));
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", Math.max(1, f.line()));
        region.put("startColumn", Math.max(1, f.column()));
        if (f.statement() != null) {
            region.put("snippet", Map.of("text", f.statement()));
        }
        result.put("locations", List.of(Map.of("physicalLocation", Map.of(
                "artifactLocation", artifact(f.file()), "region", region))));
        result.put("properties", Map.of("source", f.source(), "migration", f.migration()));
        return result;
    }

    /** A path below the working directory is relative to the source root; any other is a file URI. */
    private static Map<String, Object> artifact(String file) {
        java.nio.file.Path path = java.nio.file.Path.of(file);
        return path.isAbsolute() ? Map.of("uri", path.toUri().toString())
                : Map.of("uri", file.replace('\\', '/'), "uriBaseId", "%SRCROOT%");
    }

    /** SARIF's levels: error, warning, note. */
    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
