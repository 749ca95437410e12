package dev.slipway.migrate.backfill;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.SqlScript;
import dev.slipway.lint.sql.SqlSyntaxException;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A migration declared a backfill by its first line, {@code -- slipway:backfill [settings]}, read: its settings and
 * its one {@code UPDATE [ONLY] table [[AS] alias] SET … [WHERE …]}. What Slipway cannot run in batches exactly as
 * the one statement would have run is a {@link Problem}: more than one statement, anything but an UPDATE, a WITH
 * query, {@code FROM} (a join), {@code RETURNING}, {@code WHERE CURRENT OF}, or a subquery that reads the updated
 * table itself (each batch would see what earlier batches wrote).
 *
 * @param subject  the migration's file, for messages
 * @param settings its settings over the defaults
 * @param update   its statement, {@code null} when it has problems
 * @param problems why it cannot run as a backfill; empty when it can
 */
public record BackfillScript(String subject, BackfillSettings settings, Update update, List<Problem> problems) {

    public BackfillScript {
        problems = List.copyOf(problems);
    }

    /**
     * The UPDATE of a backfill, as pieces of its text.
     *
     * @param table     the updated table
     * @param name      the table's name as written ({@code public."Accounts"}), which {@code ::regclass} reads
     * @param only      whether it says {@code ONLY} (inheritance children left alone)
     * @param reference how the statement refers to the table's columns: its alias, or its name as written
     * @param target    the table as written, with its alias ({@code accounts}, {@code public.accounts AS a})
     * @param set       the text after {@code SET}, up to the {@code WHERE} or the end
     * @param where     the text of the condition after {@code WHERE}, {@code null} when there is none
     * @param line      the statement's first line in the file
     */
    public record Update(QualifiedName table, String name, boolean only, String reference, String target, String set, String where,
                         int line) {
    }

    /** Why the migration cannot run as a backfill, at a line of its file. */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** Whether {@code sql}'s first line (after blank lines) is a {@code -- slipway:backfill} marker. */
    public static boolean declares(String sql) {
        return markerLine(sql) != null;
    }

    /** The text after the marker on the first line, or {@code null} when the script is no backfill. */
    private static String markerLine(String sql) {
        String s = sql.startsWith("\uFEFF") ? sql.substring(1) : sql;
        for (String line : s.split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.startsWith("--")) {
                return null;
            }
            String body = t.substring(2).strip();
            if (body.equals(BackfillSettings.MARKER) || body.startsWith(BackfillSettings.MARKER + " ")
                    || body.startsWith(BackfillSettings.MARKER + "\t")) {
                return body.substring(BackfillSettings.MARKER.length());
            }
            return null;
        }
        return null;
    }

    /**
     * Reads a backfill migration; a script without the marker is not one.
     *
     * @throws SlipwayException when the marker line's settings are bad (naming the subject and each setting)
     * @throws IllegalArgumentException when {@code sql} does not declare a backfill
     */
    public static BackfillScript read(String subject, String sql, BackfillSettings defaults) {
        String marker = markerLine(sql);
        if (marker == null) {
            throw new IllegalArgumentException(subject + " does not declare a backfill");
        }
        BackfillSettings settings = BackfillSettings.parse(marker, defaults, subject);
        List<Statement> statements;
        try {
            statements = SqlScript.parse(sql);
        } catch (SqlSyntaxException e) {
            return new BackfillScript(subject, settings, null, List.of(new Problem(1, "cannot read the script: "
                    + e.getMessage())));
        }
        if (statements.size() != 1) {
            int line = statements.size() > 1 ? statements.get(1).line() : 1;
            String found = statements.isEmpty() ? "no statement" : statements.size() + " statements ("
                    + statements.stream().map(Statement::verb).collect(Collectors.joining(", ")) + ")";
            return new BackfillScript(subject, settings, null, List.of(new Problem(line, "a backfill holds exactly one "
                    + "UPDATE; found " + found + ". Put the other statements in migrations of their own")));
        }
        return shape(subject, settings, statements.get(0));
    }

    /** Like {@link #read}, but every problem in one exception: for running it. */
    public static BackfillScript require(String subject, String sql, BackfillSettings defaults) {
        BackfillScript script = read(subject, sql, defaults);
        if (!script.problems.isEmpty()) {
            throw new SlipwayException(ErrorCode.USAGE, subject + " declares a backfill that Slipway cannot run in "
                    + "batches: " + script.problems.stream().map(Problem::toString).collect(Collectors.joining("; "))
                    + ". Fix the statement, or take the " + BackfillSettings.MARKER + " line out to run it as one "
                    + "statement");
        }
        return script;
    }

    private static BackfillScript shape(String subject, BackfillSettings settings, Statement s) {
        List<Problem> problems = new ArrayList<>();
        int line = s.line();
        if (s.startsWith("WITH")) {
            return refused(subject, settings, line, "a WITH query cannot be batched: write the UPDATE on its own, "
                    + "with the query as a subquery in SET or WHERE");
        }
        if (!s.startsWith("UPDATE")) {
            return refused(subject, settings, line, "a backfill is one UPDATE; this is " + (s.verb().isEmpty()
                    ? "not an UPDATE" : "a " + s.verb()) + ". Large DELETEs and INSERTs are not batched by Slipway");
        }
        int i = 1;
        boolean only = false;
        if (s.matchesAt(i, "ONLY")) {
            only = true;
            i++;
        }
        QualifiedName table = QualifiedName.at(s, i);
        if (table == null) {
            return refused(subject, settings, line, "cannot read the table name after UPDATE");
        }
        int next = table.next();
        if (next < s.size() && s.token(next).is(Kind.OPERATOR) && s.token(next).text().equals("*")) {
            next++;
        }
        String reference = textBetween(s, i, table.next());
        if (s.matchesAt(next, "AS")) {
            next++;
        }
        if (next < s.size() && s.token(next).isIdentifier() && !s.token(next).is("SET")) {
            reference = s.token(next).text();
            next++;
        }
        String target = textBetween(s, i, next);
        if (!s.matchesAt(next, "SET")) {
            return refused(subject, settings, line, "expected SET after the table of the UPDATE");
        }
        int set = next + 1;
        int where = -1;
        int depth = 0;
        for (int k = set; k < s.size(); k++) {
            var t = s.token(k);
            if (t.is(Kind.OPEN_PAREN) || t.is(Kind.OPEN_BRACKET)) {
                depth++;
            } else if (t.is(Kind.CLOSE_PAREN) || t.is(Kind.CLOSE_BRACKET)) {
                depth--;
            } else if (depth == 0 && t.is("FROM")) {
                problems.add(new Problem(t.line(), "UPDATE … FROM joins another table, which cannot be batched over "
                        + "the updated table's key: write the join as a subquery in SET, e.g. SET x = (SELECT … FROM "
                        + "other o WHERE o.id = " + reference + ".other_id)"));
            } else if (depth == 0 && t.is("RETURNING")) {
                problems.add(new Problem(t.line(), "RETURNING has no one to return to in a backfill: take it out"));
            } else if (depth == 0 && t.is("WHERE")) {
                if (s.matchesAt(k + 1, "CURRENT", "OF")) {
                    problems.add(new Problem(t.line(), "WHERE CURRENT OF needs a cursor; a backfill has none"));
                }
                if (where < 0) {
                    where = k;
                }
            } else if (depth > 0 && (t.is("FROM") || t.is("JOIN"))) {
                QualifiedName read = QualifiedName.afterModifiers(s, k + 1);
                if (read != null && read.name().equals(table.name())
                        && (read.schema() == null || table.schema() == null || read.schema().equals(table.schema()))) {
                    problems.add(new Problem(t.line(), "a subquery reads " + table.display() + ", the table the "
                            + "backfill updates: each batch would see what earlier batches wrote, so the result would "
                            + "differ from one UPDATE. Compute the value from the row itself, or backfill from a copy"));
                }
            }
        }
        if (set >= s.size() || set == where) {
            problems.add(new Problem(line, "SET assigns nothing"));
        }
        if (!problems.isEmpty()) {
            return new BackfillScript(subject, settings, null, problems);
        }
        String setText = where < 0 ? textFrom(s, set, s.size()) : textFrom(s, set, where);
        String whereText = where < 0 ? null : textFrom(s, where + 1, s.size());
        return new BackfillScript(subject, settings, new Update(table, textBetween(s, i, table.next()), only, reference, target, setText, whereText, line),
                List.of());
    }

    private static BackfillScript refused(String subject, BackfillSettings settings, int line, String message) {
        return new BackfillScript(subject, settings, null, List.of(new Problem(line, message)));
    }

    /** The statement's own text of tokens {@code from} (inclusive) to {@code to} (exclusive), as written. */
    private static String textFrom(Statement s, int from, int to) {
        int base = s.token(0).offset();
        int start = s.token(from).offset() - base;
        var last = s.token(to - 1);
        int end = last.offset() + last.text().length() - base;
        return s.text().substring(start, end).strip();
    }

    private static String textBetween(Statement s, int from, int to) {
        return textFrom(s, from, to);
    }
}
