package dev.slipway.lint.rules;

import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token;
import dev.slipway.lint.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The schema an unqualified {@code CREATE TABLE} creates in, as a migration's {@code SET search_path} leaves it: the
 * first schema of the path other than {@code "$user"} (the linter cannot know whether a schema of the user's name
 * exists), {@code public} by default. Reads {@code SET [SESSION|LOCAL] search_path {TO|=} …}, {@code SET SCHEMA 'x'},
 * {@code RESET search_path}, {@code RESET ALL} and {@code set_config('search_path', …)}; a {@code SET LOCAL} outside a
 * transaction changes nothing. Pure.
 */
final class SearchPath {

    static final String DEFAULT = "public";

    private SearchPath() {
    }

    /** The creation schema after the statement, or {@code null} when it leaves the search path as it was. */
    static String after(Statement s, MigrationScope scope) {
        if (s.startsWith("RESET")) {
            return s.matchesAt(1, "ALL") || isSearchPath(s, 1) ? DEFAULT : null;
        }
        if (s.startsWith("SET")) {
            boolean local = s.matchesAt(1, "LOCAL");
            int i = local || s.matchesAt(1, "SESSION") ? 2 : 1;
            String schema = s.matchesAt(i, "SCHEMA") ? first(values(s, i + 1)) : isSearchPath(s, i) ? fromSet(s, i + 1) : null;
            return local && !scope.inTransaction(s) ? null : schema;
        }
        int call = setConfig(s);
        if (call < 0 || call + 4 >= s.size() || !s.token(call + 4).is(Kind.STRING)) {
            return null;
        }
        boolean local = call + 6 < s.size() && s.token(call + 6).is("true");
        return local && !scope.inTransaction(s) ? null : first(split(unquote(s.token(call + 4))));
    }

    private static boolean isSearchPath(Statement s, int i) {
        return i < s.size() && s.token(i).isIdentifier() && s.token(i).identifier().equalsIgnoreCase("search_path");
    }

    /** {@code TO|= a, "B", 'c'} or {@code TO DEFAULT}. */
    private static String fromSet(Statement s, int i) {
        if (i >= s.size() || !(s.token(i).is("TO") || s.token(i).text().equals("="))) {
            return null;
        }
        return s.matchesAt(i + 1, "DEFAULT") ? DEFAULT : first(values(s, i + 1));
    }

    /** The comma-separated schema names from {@code i}: words fold to lower case, quoted names and strings do not. */
    private static List<String> values(Statement s, int i) {
        List<String> names = new ArrayList<>();
        for (int j = i; j < s.size(); j++) {
            Token t = s.token(j);
            if (t.is(Kind.STRING)) {
                names.add(unquote(t));
            } else if (t.isIdentifier()) {
                names.add(t.identifier());
            }
        }
        return names;
    }

    /** The index of {@code set_config} in {@code SELECT [pg_catalog.]set_config('search_path', value, local)}, or -1. */
    private static int setConfig(Statement s) {
        if (!s.startsWith("SELECT")) {
            return -1;
        }
        int call = s.find(0, "set_config");
        return call > 0 && call + 2 < s.size() && s.token(call + 2).is(Kind.STRING)
                && unquote(s.token(call + 2)).equalsIgnoreCase("search_path") ? call : -1;
    }

    /** A search_path value as PostgreSQL splits it: at commas outside double quotes, unquoted names folded. */
    private static List<String> split(String value) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && quoted && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                name.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == ',' && !quoted) {
                names.add(folded(name, wasQuoted));
                name.setLength(0);
                wasQuoted = false;
            } else if (quoted || !Character.isWhitespace(c)) {
                name.append(c);
            }
        }
        names.add(folded(name, wasQuoted));
        return names;
    }

    private static String folded(StringBuilder name, boolean quoted) {
        return quoted ? name.toString() : name.toString().toLowerCase(Locale.ROOT);
    }

    private static String first(List<String> names) {
        return names.stream().filter(n -> !n.isEmpty() && !n.equals("$user")).findFirst().orElse(DEFAULT);
    }

    private static String unquote(Token t) {
        String text = t.text();
        int open = text.indexOf('\'');
        return text.substring(open + 1, text.length() - 1).replace("''", "'");
    }
}
