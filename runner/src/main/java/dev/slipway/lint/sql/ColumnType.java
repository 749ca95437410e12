package dev.slipway.lint.sql;

import dev.slipway.lint.sql.Token.Kind;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A column's data type as written in a column definition or {@code ALTER COLUMN … TYPE}, normalised
 * so aliases compare equal: {@code character varying(20)} is {@code varchar(20)}, {@code int4} is
 * {@code integer}, {@code timestamp with time zone} is {@code timestamptz}.
 *
 * @param name      the normalised base name
 * @param modifiers the type modifiers in parentheses, without spaces ({@code 12,2}), or empty
 * @param array     whether it is an array type
 * @param next      the index of the first token after the type
 */
public record ColumnType(String name, String modifiers, boolean array, int next) {

    /** Words that end a type and start a column constraint or clause. */
    private static final Set<String> STOP = Set.of("NOT", "NULL", "DEFAULT", "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK",
            "REFERENCES", "GENERATED", "COLLATE", "USING", "STORAGE", "COMPRESSION", "DEFERRABLE", "INITIALLY");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
            Map.entry("character", "char"), Map.entry("int", "integer"), Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"), Map.entry("decimal", "numeric"),
            Map.entry("float8", "double precision"), Map.entry("float4", "real"), Map.entry("bool", "boolean"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("time with time zone", "timetz"), Map.entry("time without time zone", "time"),
            Map.entry("bit varying", "varbit"), Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"),
            Map.entry("serial2", "smallserial"));

    /** Reads a type starting at {@code from}, stopping at {@code to} or at a column constraint. */
    public static ColumnType at(Statement s, int from, int to) {
        StringBuilder words = new StringBuilder();
        String modifiers = "";
        boolean array = false;
        int i = from;
        while (i < to) {
            Token t = s.token(i);
            if (t.is(Kind.OPEN_PAREN) && modifiers.isEmpty() && !words.isEmpty()) {
                int close = new Span(s, i, to).closing(i);
                modifiers = s.textOf(i + 1, close).replace(" ", "");
                i = close + 1;
            } else if (t.is(Kind.OPEN_BRACKET) || t.is("ARRAY")) {
                array = true;
                i = skipArray(s, i, to);
            } else if (t.isIdentifier() && !STOP.contains(t.text().toUpperCase(Locale.ROOT)) && isTypeWord(words, t)) {
                words.append(words.isEmpty() ? "" : " ").append(isQuotedChar(t) ? "\"char\"" : t.identifier());
                i++;
            } else if (t.is(Kind.DOT) && !words.isEmpty()) {
                words.setLength(0);
                i++;
            } else {
                break;
            }
        }
        String name = words.toString();
        return new ColumnType(ALIASES.getOrDefault(name, name), modifiers, array, i);
    }

    /** After the first word only the words of multi-word type names follow (varying, precision, with/without time zone). */
    private static boolean isTypeWord(StringBuilder words, Token t) {
        if (words.isEmpty()) {
            return true;
        }
        String w = t.text().toLowerCase(Locale.ROOT);
        return Set.of("varying", "precision", "with", "without", "time", "zone").contains(w);
    }

    /** {@code "char"}, the one-byte internal type, is not {@code char(1)}. */
    private static boolean isQuotedChar(Token t) {
        return t.is(Kind.QUOTED_IDENTIFIER) && t.identifier().equals("char");
    }

    private static int skipArray(Statement s, int i, int to) {
        int j = i + 1;
        while (j < to && !s.token(j - 1).is(Kind.CLOSE_BRACKET) && s.token(i).is(Kind.OPEN_BRACKET)) {
            j++;
        }
        return s.token(i).is(Kind.OPEN_BRACKET) ? j : i + 1;
    }

    public boolean isEmpty() {
        return name.isEmpty();
    }

    /** The type as one would write it: {@code varchar(20)}, {@code integer[]}. */
    public String display() {
        return name + (modifiers.isEmpty() ? "" : "(" + modifiers + ")") + (array ? "[]" : "");
    }
}
