package dev.slipway.mask.catalog;

import java.util.Objects;

/**
 * A table (or other relation) as {@code schema.name}, exactly as the catalog spells it. Printed
 * plainly in messages ({@link #toString()}); quoted for SQL ({@link #sql()}).
 */
public record TableName(String schema, String name) implements Comparable<TableName> {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses a rules-file key: {@code schema.table} spelled as in the catalog (case and spaces kept:
     * {@code Sales.Order Lines}), a part in double quotes when it holds a dot; a bare {@code table} means
     * {@code public}.
     *
     * @throws IllegalArgumentException when the text is not a table name
     */
    public static TableName parse(String text) {
        String[] parts = Sql.splitQualified(text);
        return parts.length == 1 ? new TableName("public", parts[0]) : new TableName(parts[0], parts[1]);
    }

    /** Both parts double-quoted: safe for any name. */
    public String sql() {
        return Sql.ident(schema) + "." + Sql.ident(name);
    }

    @Override
    public int compareTo(TableName o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return Sql.display(schema) + "." + Sql.display(name);
    }
}
