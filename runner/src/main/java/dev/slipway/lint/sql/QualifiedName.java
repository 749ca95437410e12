package dev.slipway.lint.sql;

import dev.slipway.lint.sql.Token.Kind;

/**
 * A possibly schema-qualified name read from a statement ({@code orders}, {@code public."Order Items"}).
 * Objects are compared by {@link #name()} alone: the linter does not resolve search_path.
 *
 * @param schema the schema, or {@code null} when unqualified
 * @param name   the object's name as PostgreSQL folds it
 * @param next   the index of the first token after the name
 */
public record QualifiedName(String schema, String name, int next) {

    /** Reads a name at {@code i}, or returns {@code null} when there is no identifier there. */
    public static QualifiedName at(Statement s, int i) {
        if (i >= s.size() || !s.token(i).isIdentifier()) {
            return null;
        }
        String first = s.token(i).identifier();
        int j = i + 1;
        String second = null;
        while (j + 1 < s.size() && s.token(j).is(Kind.DOT) && s.token(j + 1).isIdentifier()) {
            second = s.token(j + 1).identifier();
            j += 2;
        }
        return second == null ? new QualifiedName(null, first, j) : new QualifiedName(first, second, j);
    }

    /** Skips {@code IF EXISTS} / {@code IF NOT EXISTS} / {@code ONLY} before reading the name. */
    public static QualifiedName afterModifiers(Statement s, int i) {
        int j = i;
        if (s.matchesAt(j, "IF", "NOT", "EXISTS")) {
            j += 3;
        } else if (s.matchesAt(j, "IF", "EXISTS")) {
            j += 2;
        }
        if (s.matchesAt(j, "ONLY")) {
            j++;
        }
        return at(s, j);
    }

    /** As written for messages: {@code schema.name}. */
    public String display() {
        return schema == null ? name : schema + "." + name;
    }
}
