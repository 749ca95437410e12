package dev.slipway.lint.rules;

import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token.Kind;
import dev.slipway.lint.sql.Token;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The functions a column's {@code DEFAULT} expression calls, judged the way PostgreSQL 11+ decides whether
 * {@code ADD COLUMN} rewrites the table: any volatile call does. A function is treated as volatile unless it is a
 * built-in known to be immutable or stable, so a user's own function (PL/pgSQL or SQL, whose volatility the
 * linter cannot see, and which defaults to VOLATILE) counts as a rewrite, unless a linted migration declared it
 * IMMUTABLE or STABLE. Pure.
 */
final class DefaultExpression {

    /** Built-ins that are volatile: named in the message as such. */
    private static final Set<String> VOLATILE = Set.of("random", "clock_timestamp", "timeofday", "gen_random_uuid",
            "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "nextval", "currval", "setval", "txid_current",
            "pg_current_xact_id", "gen_random_bytes", "gen_salt", "uuidv7", "uuidv4", "random_normal");

    /** Built-in functions that are immutable or stable: one value for every existing row. */
    private static final Set<String> NON_VOLATILE = Set.of("now", "statement_timestamp", "transaction_timestamp",
            "current_timestamp", "current_time", "localtimestamp", "localtime", "current_date", "current_setting",
            "current_schema", "current_database", "timezone", "date_trunc", "date_part", "date_bin", "extract",
            "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval", "to_timestamp", "to_date",
            "to_char", "to_number", "age", "justify_days", "justify_hours", "justify_interval", "lower", "upper",
            "initcap", "concat", "concat_ws", "length", "char_length", "character_length", "octet_length", "substr",
            "substring", "replace", "translate", "left", "right", "lpad", "rpad", "btrim", "ltrim", "rtrim", "trim",
            "position", "strpos", "split_part", "repeat", "reverse", "format", "quote_ident", "quote_literal", "md5",
            "sha224", "sha256", "sha384", "sha512", "encode", "decode", "convert_to", "convert_from", "regexp_replace",
            "array_to_string", "string_to_array", "array_append", "array_prepend", "array_cat", "array_fill",
            "array_length", "cardinality", "abs", "round", "trunc", "floor", "ceil", "ceiling", "power", "sqrt", "mod",
            "sign", "pi", "greatest", "least", "coalesce", "nullif", "cast", "row", "jsonb_build_object",
            "jsonb_build_array", "json_build_object", "json_build_array", "to_json", "to_jsonb", "jsonb_object",
            "json_object", "row_to_json", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange",
            "point", "inet", "cidr", "uuid_nil", "to_tsvector", "setweight", "int2", "int4", "int8", "float4", "float8",
            "text", "bool");

    /** Words that can stand before a parenthesis without calling a function, and type names with modifiers. */
    private static final Set<String> NOT_CALLS = Set.of("and", "or", "not", "in", "any", "some", "all", "then", "else",
            "when", "case", "as", "at", "zone", "like", "ilike", "similar", "between", "is", "distinct", "from", "for",
            "escape", "array", "varchar", "char", "character", "varying", "numeric", "decimal", "timestamp",
            "timestamptz", "time", "timetz", "interval", "bit", "varbit", "float", "precision", "with", "without");

    /** Words that end a DEFAULT expression and start the next column constraint. */
    private static final Set<String> END = Set.of("not", "null", "constraint", "check", "unique", "primary", "references",
            "generated", "collate", "deferrable", "initially");

    private DefaultExpression() {
    }

    /** Why the action's DEFAULT is volatile (naming the call), or {@code null} when it is not, or there is none. */
    static String volatileCall(Span action, Predicate<String> declaredNonVolatile) {
        int d = action.find("DEFAULT");
        if (d < 0) {
            return null;
        }
        Statement s = action.statement();
        int depth = 0;
        for (int i = d + 1; i < action.to(); i++) {
            Token t = s.token(i);
            depth += t.is(Kind.OPEN_PAREN) ? 1 : t.is(Kind.CLOSE_PAREN) ? -1 : 0;
            if (depth == 0 && t.is(Kind.WORD) && END.contains(t.identifier())) {
                return null;
            }
            String reason = i + 1 < action.to() && s.token(i + 1).is(Kind.OPEN_PAREN) ? judge(s, i, declaredNonVolatile) : null;
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    /** The reason the call at {@code i} (a name followed by a parenthesis) is volatile, or {@code null}. */
    private static String judge(Statement s, int i, Predicate<String> declaredNonVolatile) {
        Token name = s.token(i);
        Token before = i > 0 ? s.token(i - 1) : null;
        if (!name.isIdentifier() || before != null && before.text().equals("::")) {
            return null;
        }
        String fn = name.identifier();
        boolean qualified = before != null && before.is(Kind.DOT);
        String schema = qualified && i > 1 ? s.token(i - 2).identifier() : null;
        boolean builtin = schema == null || schema.equals("pg_catalog");
        if (VOLATILE.contains(fn)) {
            return "its default calls " + fn + "(), which is volatile";
        }
        if (builtin && (NON_VOLATILE.contains(fn) || name.is(Kind.WORD) && NOT_CALLS.contains(fn))
                || declaredNonVolatile.test(fn)) {
            return null;
        }
        return "its default calls " + (schema == null ? "" : schema + ".") + fn + "(), which is not a built-in known to "
                + "be immutable or stable, so it is taken as volatile (a function is VOLATILE unless declared otherwise)";
    }
}
