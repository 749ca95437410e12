package dev.slipway.lint.rules;

import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token.Kind;
import dev.slipway.lint.sql.Token;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a migration has set its session's TimeZone to UTC before a statement: {@code SET timezone = 'UTC'},
 * {@code SET TIME ZONE 'UTC'}, their {@code SESSION}/{@code LOCAL} forms and {@code set_config('timezone', …)}.
 * A later SET to another zone, {@code RESET} or {@code DEFAULT} undoes it; {@code SET LOCAL} outside a
 * transaction has no effect. Pure.
 */
final class SessionTimeZone {

    /** Zone names whose offset is always zero: PostgreSQL 12+ converts timestamp to timestamptz in the catalog under them. */
    private static final Set<String> UTC = Set.of("utc", "etc/utc", "uct", "etc/uct", "gmt", "etc/gmt", "gmt0", "etc/gmt0",
            "gmt+0", "gmt-0", "etc/gmt+0", "etc/gmt-0", "universal", "etc/universal", "zulu", "etc/zulu", "greenwich",
            "etc/greenwich", "0");

    private SessionTimeZone() {
    }

    /** Whether the statements before {@code current} leave the session's time zone at UTC. */
    static boolean isUtcBefore(MigrationScope scope, Statement current) {
        Boolean utc = false;
        for (Statement s : scope.statements()) {
            if (s.index() >= current.index()) {
                break;
            }
            Boolean set = setsUtc(s);
            if (set != null && (!s.matchesAt(1, "LOCAL") && !isLocalSetConfig(s) || scope.inTransaction(s))) {
                utc = set;
            }
        }
        return utc;
    }

    /** {@code true}/{@code false} when the statement sets the time zone to UTC / to something else, {@code null} when it does not set it. */
    private static Boolean setsUtc(Statement s) {
        if (s.startsWith("RESET")) {
            return s.matchesAt(1, "ALL") || isTimeZoneName(s.token(1)) ? false : null;
        }
        if (s.startsWith("SET")) {
            int i = s.matchesAt(1, "LOCAL") || s.matchesAt(1, "SESSION") ? 2 : 1;
            if (s.matchesAt(i, "TIME", "ZONE")) {
                return i + 2 < s.size() && isUtc(s.token(i + 2));
            }
            if (i < s.size() && isTimeZoneName(s.token(i))) {
                int v = i + 1 < s.size() && (s.token(i + 1).is("TO") || s.token(i + 1).text().equals("=")) ? i + 2 : -1;
                return v > 0 && v < s.size() && isUtc(s.token(v));
            }
            return null;
        }
        int call = setConfig(s);
        return call < 0 ? null : isUtc(s.token(call + 4));
    }

    /** The index of {@code set_config} in {@code SELECT set_config('timezone', value, …)}, or -1. */
    private static int setConfig(Statement s) {
        if (!s.startsWith("SELECT")) {
            return -1;
        }
        int call = s.find(0, "set_config");
        return call > 0 && call + 4 < s.size() && s.token(call + 2).is(Kind.STRING)
                && isZoneSetting(unquote(s.token(call + 2))) ? call : -1;
    }

    private static boolean isLocalSetConfig(Statement s) {
        int call = setConfig(s);
        return call > 0 && call + 6 < s.size() && s.token(call + 6).is("true");
    }

    private static boolean isTimeZoneName(Token t) {
        return t.isIdentifier() && isZoneSetting(t.identifier());
    }

    private static boolean isZoneSetting(String name) {
        return name.equalsIgnoreCase("timezone");
    }

    private static boolean isUtc(Token value) {
        String v = value.is(Kind.STRING) ? unquote(value) : value.text();
        return (value.is(Kind.STRING) || value.is(Kind.WORD) || value.is(Kind.NUMBER))
                && UTC.contains(v.strip().toLowerCase(Locale.ROOT));
    }

    private static String unquote(Token t) {
        return t.text().substring(1, t.text().length() - 1).replace("''", "'");
    }
}
