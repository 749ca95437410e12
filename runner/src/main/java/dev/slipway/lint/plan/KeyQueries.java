package dev.slipway.lint.plan;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.lint.sql.SqlLexer;
import dev.slipway.lint.sql.SqlScript;
import dev.slipway.lint.sql.SqlSyntaxException;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a key queries file: statements each preceded by a {@code -- name: NAME} line, parameters as {@code $1…}.
 * Split with Slipway's own lexer, so a semicolon in a string, comment or body does not end a query.
 */
public final class KeyQueries {

    private static final Pattern MARKER = Pattern.compile("\\s*name:\\s*(.*?)\\s*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final String FORMAT = "write each key query as a `-- name: NAME` line followed by its statement "
            + "and a semicolon";

    /** A {@code -- name:} line. */
    private record Marker(String name, int line, int offset) {
    }

    private final String file;

    private KeyQueries(String file) {
        this.file = file;
    }

    /**
     * @param file the file's name, for messages
     * @throws SlipwayException {@link ErrorCode#QUERIES_INVALID} naming file:line and what to do
     */
    public static List<KeyQuery> parse(String text, String file) {
        return new KeyQueries(file).queries(text);
    }

    private List<KeyQuery> queries(String text) {
        List<Marker> markers;
        List<Statement> statements;
        try {
            markers = markers(SqlLexer.tokenize(text));
            statements = SqlScript.parse(text);
        } catch (SqlSyntaxException e) {
            throw invalid(e.line(), e.getMessage());
        }
        if (statements.isEmpty() && markers.isEmpty()) {
            throw new SlipwayException(ErrorCode.QUERIES_INVALID, file + ": no queries in it; " + FORMAT);
        }
        List<KeyQuery> queries = new ArrayList<>();
        int next = 0;
        for (Statement s : statements) {
            next = named(s, markers, next, queries);
        }
        if (next < markers.size()) {
            throw noStatement(markers.get(next));
        }
        return unique(queries);
    }

    /** The statement with the one name before it; returns the index of the first marker after it. */
    private int named(Statement s, List<Marker> markers, int next, List<KeyQuery> queries) {
        int start = s.token(0).offset();
        Marker name = null;
        for (; next < markers.size() && markers.get(next).offset() < start; next++) {
            if (name != null) {
                throw noStatement(name);
            }
            name = markers.get(next);
        }
        if (name == null) {
            throw queries.isEmpty() ? invalid(s.line(), "a statement without a name; put a `-- name: NAME` line before it")
                    : invalid(s.line(), "a second statement under the name '" + last(queries).name() + "' (line "
                    + last(queries).line() + "); give it a `-- name: NAME` line of its own, or remove it");
        }
        int end = s.token(s.size() - 1).offset();
        if (next < markers.size() && markers.get(next).offset() < end) {
            Marker inside = markers.get(next);
            throw invalid(inside.line(), "the name '" + inside.name() + "' is inside the statement of '" + name.name()
                    + "' (line " + name.line() + "); end that statement with a semicolon");
        }
        queries.add(new KeyQuery(name.name(), s.text().strip(), parameters(s), name.line()));
        return next;
    }

    private List<Marker> markers(List<Token> tokens) {
        List<Marker> markers = new ArrayList<>();
        for (Token t : tokens) {
            Matcher m = t.is(Token.Kind.LINE_COMMENT) ? MARKER.matcher(t.commentBody()) : null;
            if (m != null && m.matches()) {
                if (!NAME.matcher(m.group(1)).matches()) {
                    throw invalid(t.line(), "expected a name of letters, digits, '_', '.' or '-' after `-- name:`, "
                            + "found '" + m.group(1) + "'");
                }
                markers.add(new Marker(m.group(1), t.line(), t.offset()));
            }
        }
        return markers;
    }

    private List<KeyQuery> unique(List<KeyQuery> queries) {
        Map<String, KeyQuery> seen = new HashMap<>();
        for (KeyQuery q : queries) {
            KeyQuery before = seen.putIfAbsent(q.name(), q);
            if (before != null) {
                throw invalid(q.line(), "the name '" + q.name() + "' is already used at line " + before.line()
                        + "; give each query a name of its own");
            }
        }
        return List.copyOf(queries);
    }

    private int parameters(Statement s) {
        int highest = 0;
        for (Token t : s.tokens()) {
            if (t.is(Token.Kind.PARAMETER) && t.text().length() > 6) {
                throw invalid(t.line(), "parameter " + t.text() + " is out of range; number them $1, $2, …");
            }
            if (t.is(Token.Kind.PARAMETER)) {
                highest = Math.max(highest, Integer.parseInt(t.text().substring(1)));
            }
        }
        return highest;
    }

    private static KeyQuery last(List<KeyQuery> queries) {
        return queries.get(queries.size() - 1);
    }

    private SlipwayException noStatement(Marker m) {
        return invalid(m.line(), "the name '" + m.name() + "' has no statement; write its query after it, or remove "
                + "the line");
    }

    private SlipwayException invalid(int line, String what) {
        return new SlipwayException(ErrorCode.QUERIES_INVALID, file + ":" + line + ": " + what);
    }
}
