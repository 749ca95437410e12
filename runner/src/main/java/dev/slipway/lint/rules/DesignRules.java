package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.WARNING;

import dev.slipway.lint.Catalog;
import dev.slipway.lint.ColumnDefinition;
import dev.slipway.lint.Rule;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token.Kind;
import dev.slipway.lint.sql.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schema design choices that are cheap to get right when a column is declared and expensive to change once the
 * table holds rows: the id's width, serial versus identity, char(n), names PostgreSQL truncates. Only column
 * declarations (CREATE TABLE, ADD COLUMN, ALTER COLUMN … TYPE) are looked at, so a type in a cast, a function's
 * signature or its body never fires.
 */
final class DesignRules {

    /** NAMEDATALEN - 1: PostgreSQL keeps this many bytes of a name. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private static final String PRIMARY_KEY = "is the primary key";

    private static final Set<String> SERIALS = Set.of("serial", "bigserial", "smallserial");

    private DesignRules() {
    }

    static List<Rule> all() {
        return List.of(preferBigint(), preferIdentity(), banCharField(), identifierTooLong());
    }

    private static Rule preferBigint() {
        return StatementRule.of("prefer-bigint-over-int", WARNING, "an integer key or id column",
                "integer ids run out at 2,147,483,647; a busy table's sequence gets there, and widening the key and every "
                        + "column referencing it then rewrites those tables under ACCESS EXCLUSIVE",
                "declare keys, identity/serial columns and the columns referencing them as bigint (bigserial); plain "
                        + "integer data columns (counts, quantities) are not flagged, nor are the hand-assigned keys of "
                        + "lookup tables (an integer primary key with no identity, serial or nextval) and the columns "
                        + "referencing a table the migrations created so",
                (s, scope) -> {
                    Map<String, String> keys = tableKeys(s);
                    List<String> found = new ArrayList<>();
                    for (ColumnDefinition c : ColumnDefinition.in(s)) {
                        String role = c.isNew() && !c.type().array() && !lookupKey(c, scope.catalog(), keys)
                                ? intKeyRole(c, keys) : null;
                        if (role != null) {
                            found.add("column " + c.table() + "." + c.column() + " is " + c.type().display() + " and " + role);
                        }
                    }
                    boolean serial = found.stream().anyMatch(f -> f.contains(" is serial "));
                    return found.isEmpty() ? null : String.join("; ", found) + ": " + (found.size() == 1 ? "it overflows"
                            : "they overflow") + " at 2,147,483,647; use bigint" + (serial ? " (bigserial for serial)" : "");
                });
    }

    /**
     * A small lookup table's key, which is chosen by hand and cannot run out the way a sequence does: an integer
     * primary key no sequence feeds, or a column referencing a table the migrations created with one.
     */
    private static boolean lookupKey(ColumnDefinition c, Catalog catalog, Map<String, String> tableKeys) {
        Span d = c.definition();
        if (c.type().name().equals("serial") || d.contains("AS", "IDENTITY") || d.contains("nextval")) {
            return false;
        }
        if (d.contains("PRIMARY", "KEY") || PRIMARY_KEY.equals(tableKeys.get(c.column()))) {
            return true;
        }
        int references = d.find("REFERENCES");
        QualifiedName target = references < 0 ? null : QualifiedName.afterModifiers(d.statement(), references + 1);
        return target != null && catalog.isHandKeyed(target.name());
    }

    /** Why an integer column is an id, or {@code null} when it is not integer or not an id. */
    private static String intKeyRole(ColumnDefinition c, Map<String, String> keys) {
        String type = c.type().name();
        Span d = c.definition();
        if (type.equals("serial")) {
            return "draws its values from a sequence";
        }
        if (!type.equals("integer")) {
            return null;
        }
        if (d.contains("PRIMARY", "KEY")) {
            return PRIMARY_KEY;
        }
        if (d.contains("AS", "IDENTITY") || d.contains("nextval")) {
            return "draws its values from a sequence";
        }
        return d.contains("REFERENCES") ? "references another table's key" : keys.get(c.column());
    }

    /** Columns that are alone in a table-level PRIMARY KEY or FOREIGN KEY of a CREATE TABLE, with their role. */
    private static Map<String, String> tableKeys(Statement s) {
        Map<String, String> keys = new HashMap<>();
        for (Span e : ColumnDefinition.createTableElements(s)) {
            int primary = e.find("PRIMARY", "KEY");
            int foreign = e.find("FOREIGN", "KEY");
            int at = primary >= 0 ? primary + 2 : foreign >= 0 ? foreign + 2 : -1;
            if (at > 0 && at + 2 < e.to() && s.token(at).is(Kind.OPEN_PAREN) && s.token(at + 1).isIdentifier()
                    && s.token(at + 2).is(Kind.CLOSE_PAREN)) {
                keys.putIfAbsent(s.token(at + 1).identifier(), primary >= 0 ? PRIMARY_KEY
                        : "references another table's key");
            }
        }
        return keys;
    }

    private static Rule preferIdentity() {
        return StatementRule.of("prefer-identity", WARNING, "serial column instead of identity",
                "a serial column's sequence is a separate object: it needs its own GRANTs, CREATE TABLE … LIKE copies "
                        + "the default that still points at the old table's sequence, and nothing stops inserts with "
                        + "explicit ids from running ahead of it",
                "bigint GENERATED BY DEFAULT AS IDENTITY (or ALWAYS, to refuse explicit ids): the sequence belongs to "
                        + "the column",
                (s, scope) -> ColumnDefinition.in(s).stream().filter(c -> c.isNew() && SERIALS.contains(c.type().name()))
                        .findFirst().map(c -> "column " + c.table() + "." + c.column() + " is " + c.type().name()
                                + "; use " + identityFor(c.type().name()) + " GENERATED BY DEFAULT AS IDENTITY")
                        .orElse(null));
    }

    private static String identityFor(String serial) {
        return serial.equals("smallserial") ? "smallint" : serial.equals("serial") ? "integer (better bigint)" : "bigint";
    }

    private static Rule banCharField() {
        return StatementRule.of("ban-char-field", WARNING, "char(n) column",
                "char(n) pads values with spaces to n characters, ignores trailing spaces when comparing but not in "
                        + "LIKE, regular expressions or length-sensitive code, and is no faster than text",
                "text (or varchar(n)), with a CHECK (char_length(col) = n) if the length must be exact",
                (s, scope) -> ColumnDefinition.in(s).stream()
                        .filter(c -> c.type().name().equals("char") || c.type().name().equals("bpchar")).findFirst()
                        .map(c -> "column " + c.table() + "." + c.column() + " is " + c.type().display()
                                + ", which pads with spaces; use text or varchar")
                        .orElse(null));
    }

    private static Rule identifierTooLong() {
        return StatementRule.of("identifier-too-long", WARNING, "a name longer than 63 bytes",
                "PostgreSQL keeps only the first 63 bytes of a name and says so only in a NOTICE that migration tools "
                        + "do not show: the object gets another name than the one written, and two long names with the "
                        + "same first 63 bytes collide",
                "shorten the name to at most 63 bytes (UTF-8)",
                (s, scope) -> {
                    if (!s.startsWith("CREATE") && !s.startsWith("ALTER")) {
                        return null;
                    }
                    for (Token t : s.tokens()) {
                        String name = t.isIdentifier() && !t.text().startsWith("U&") ? t.identifier() : "";
                        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
                            return "name " + name + " is " + name.getBytes(StandardCharsets.UTF_8).length
                                    + " bytes; PostgreSQL truncates it to " + truncated(name);
                        }
                    }
                    return null;
                });
    }

    /** The name as PostgreSQL stores it: at most 63 bytes, never cutting a character in two. */
    static String truncated(String name) {
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int cp : name.codePoints().toArray()) {
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_IDENTIFIER_BYTES) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
        }
        return kept.toString();
    }
}
