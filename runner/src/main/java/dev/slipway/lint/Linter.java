package dev.slipway.lint;

import dev.slipway.lint.LintMigration.UnlintableException;
import dev.slipway.lint.rules.Rules;
import dev.slipway.lint.sql.SqlScript;
import dev.slipway.lint.sql.SqlSyntaxException;
import dev.slipway.lint.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the static rules over migrations in the order they would be applied. A migration that cannot
 * be read or parsed becomes a finding and the others are still linted. Reads one migration's SQL at
 * a time. Not thread-safe: one instance per run.
 */
public final class Linter {

    private final List<Rule> rules;
    private final LintSettings settings;
    private final Set<String> knownIds = new HashSet<>();
    private final Catalog catalog = new Catalog();
    private final LockPredictor predictor = new LockPredictor(catalog::tableOfIndex);
    private final List<Tracked> trackers;

    /** A run rule and what it learns in this run. */
    private record Tracked(RunRule rule, RunRule.Tracker tracker) {
    }

    public Linter(List<Rule> rules, LintSettings settings) {
        this.rules = rules.stream().filter(r -> settings.severityOf(r.info()).isPresent()).toList();
        this.settings = settings;
        this.trackers = this.rules.stream().filter(RunRule.class::isInstance).map(RunRule.class::cast)
                .map(r -> new Tracked(r, r.start())).toList();
        knownIds.addAll(ids(rules));
        knownIds.addAll(ids(Rules.all()));
    }

    public LintReport lint(List<LintMigration> migrations) {
        return lint(migrations, m -> true);
    }

    /**
     * Lints every migration, in order, but reports only on those {@code report} accepts: the others
     * (already applied) still teach the linter the schema they create.
     */
    public LintReport lint(List<LintMigration> migrations, java.util.function.Predicate<LintMigration> report) {
        Map<LintMigration, List<Finding>> reported = new IdentityHashMap<>();
        List<List<Finding>> inOrder = new ArrayList<>();
        int statements = 0;
        for (LintMigration m : migrations) {
            List<Finding> own = new ArrayList<>();
            int count = lint(m, own);
            if (report.test(m)) {
                reported.put(m, own);
                inOrder.add(own);
                statements += count;
            }
        }
        finishRun(reported);
        List<Finding> findings = new ArrayList<>();
        inOrder.forEach(findings::addAll);
        return new LintReport(inOrder.size(), statements, rules.size(), findings, List.of());
    }

    /** Adds the run rules' findings to the reported migrations they are about, suppressions and severities applied. */
    private void finishRun(Map<LintMigration, List<Finding>> reported) {
        for (Tracked t : trackers) {
            RuleInfo info = t.rule().info();
            t.tracker().finish((m, s, message) -> {
                List<Finding> own = reported.get(m);
                if (own != null && !Suppression.allowed(s, info.id())) {
                    settings.severityOf(info).ifPresent(level -> own.add(finding(m, info, s.line(), s.column(), message,
                            s.excerpt()).withSeverity(level)));
                }
            });
        }
        reported.values().forEach(own -> own.sort(Comparator.comparingInt(Finding::line)));
    }

    /** Lints one migration into {@code findings}; returns how many statements it read. */
    private int lint(LintMigration m, List<Finding> findings) {
        Collector collector = new Collector(m, findings);
        String[] sql = new String[1];
        List<Statement> statements = statementsOf(m, collector, sql);
        MigrationScope scope = new MigrationScope(m, statements, sql[0], catalog);
        for (Statement s : statements) {
            for (Rule rule : rules) {
                rule.check(s, scope, collector.reporter(rule.info()));
            }
            trackers.forEach(t -> t.tracker().learn(s, scope));
            scope.record(s, predictor.predict(s));
        }
        for (Rule rule : rules) {
            rule.finish(scope, collector.reporter(rule.info()));
        }
        collector.flush(statements);
        return statements.size();
    }

    /** The migration's statements; its text goes to {@code read[0]} when it could be read. */
    private List<Statement> statementsOf(LintMigration m, Collector collector, String[] read) {
        String sql;
        try {
            sql = m.sql().read();
            read[0] = sql;
        } catch (UnlintableException e) {
            collector.meta(MetaRules.UNLINTABLE_FILE, 1, 1, e.getMessage(), null);
            return List.of();
        }
        try {
            return readable(SqlScript.parse(sql), collector);
        } catch (SqlSyntaxException e) {
            collector.meta(MetaRules.SYNTAX_ERROR, e.line(), e.column(), e.getMessage(), null);
            int cut = offsetOf(sql, e.line(), e.column());
            return readable(SqlScript.parse(sql.substring(0, cut)), collector);
        }
    }

    /** Drops (and reports) statements that are not SQL PostgreSQL knows, so rules only see real commands. */
    private List<Statement> readable(List<Statement> statements, Collector collector) {
        List<Statement> ok = new ArrayList<>();
        for (Statement s : statements) {
            String problem = StatementCheck.problem(s);
            if (problem == null) {
                ok.add(s);
            } else {
                collector.meta(MetaRules.SYNTAX_ERROR, s.line(), s.column(), problem, s.excerpt());
            }
        }
        return ok;
    }

    private static int offsetOf(String sql, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            offset = sql.indexOf('\n', offset) + 1;
        }
        return Math.min(sql.length(), offset + column - 1);
    }

    /** Gathers one migration's findings, then applies its suppressions and the configured severities. */
    private final class Collector {
        private final LintMigration migration;
        private final List<Finding> out;
        private final List<Finding> pending = new ArrayList<>();
        private final List<Statement> sources = new ArrayList<>();
        private final Set<Finding> notes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Finding> own = new ArrayList<>();

        Collector(LintMigration migration, List<Finding> out) {
            this.migration = migration;
            this.out = out;
        }

        /** Where {@code rule} reports into this collector. */
        Rule.Reporter reporter(RuleInfo rule) {
            return new Rule.Reporter() {
                @Override
                public void report(Statement statement, String message) {
                    add(rule, statement, statement.line(), statement.column(), message, false);
                }

                @Override
                public void report(Statement statement, int line, String message) {
                    add(rule, statement, line, columnAt(statement, line), message, false);
                }

                @Override
                public void note(Statement statement, int line, String message) {
                    add(rule, statement, line, columnAt(statement, line), message, true);
                }
            };
        }

        private static int columnAt(Statement s, int line) {
            return s != null && s.line() == line ? s.column() : 1;
        }

        /** A finding of {@code rule} about {@code s} ({@code null}: the file), its suppressions applied at flush. */
        private void add(RuleInfo rule, Statement s, int line, int column, String message, boolean note) {
            Finding f = finding(rule, line, column, message, s == null ? null : s.excerpt());
            if (note) {
                f = f.withSeverity(Severity.INFO);
                notes.add(f);
            }
            pending.add(f);
            sources.add(s);
        }

        void meta(RuleInfo rule, int line, int column, String message, String statement) {
            emit(finding(rule, line, column, message, statement));
        }

        private Finding finding(RuleInfo rule, int line, int column, String message, String statement) {
            return Linter.finding(migration, rule, line, column, message, statement);
        }

        void flush(List<Statement> statements) {
            for (Statement s : statements) {
                checkSuppressions(s);
            }
            for (int i = 0; i < pending.size(); i++) {
                Finding f = pending.get(i);
                Statement source = sources.get(i);
                if (source != null && Suppression.of(source).stream().anyMatch(sup -> sup.allows(f.rule()))) {
                    continue;
                }
                if (notes.contains(f)) {
                    own.add(f);
                } else {
                    emit(f);
                }
            }
            own.sort(Comparator.comparingInt(Finding::line));
            out.addAll(own);
        }

        private void checkSuppressions(Statement s) {
            for (Suppression sup : Suppression.of(s)) {
                if (!sup.hasReason()) {
                    meta(MetaRules.SUPPRESSION_WITHOUT_REASON, sup.line(), 1, "slipway:allow " + String.join(", ", sup.rules())
                            + " gives no reason, so it suppresses nothing; add 'reason: …' saying why this is safe here", null);
                }
                if (sup.rules().isEmpty()) {
                    meta(MetaRules.SUPPRESSION_UNKNOWN_RULE, sup.line(), 1, "slipway:allow names no rule id", null);
                }
                sup.rules().stream().filter(id -> !knownIds.contains(id)).forEach(id -> meta(MetaRules.SUPPRESSION_UNKNOWN_RULE,
                        sup.line(), 1, "slipway:allow names unknown rule '" + id + "'"
                                + dev.slipway.CloseMatches.hint(id, knownIds), null));
            }
        }

        private void emit(Finding f) {
            Optional<Severity> severity = settings.severities().getOrDefault(f.rule(), Optional.of(f.severity()));
            severity.ifPresent(s -> own.add(f.withSeverity(s)));
        }
    }

    /** A finding at {@code line} of the migration; a Liquibase changeset's findings point at its declaration. */
    private static Finding finding(LintMigration m, RuleInfo rule, int line, int column, String message, String statement) {
        int at = m.anchorLine() != null ? m.anchorLine() : line;
        return new Finding(rule.id(), rule.severity(), m.file(), at, m.anchorLine() != null ? 1 : column, m.name(), message,
                rule.why(), rule.fix(), statement, Finding.STATIC);
    }

    /** Every rule id the linter knows, meta findings included: for validating configuration. */
    public static Set<String> ids(List<Rule> rules) {
        Set<String> ids = new HashSet<>();
        Stream.concat(Stream.concat(rules.stream().map(Rule::info), MetaRules.ALL.stream()), TraceRules.ALL.stream())
                .forEach(r -> ids.add(r.id()));
        return ids;
    }
}
