package dev.slipway.migrate.backfill;

import dev.slipway.ErrorCode;
import dev.slipway.db.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The key a backfill pages over: its table's primary key, else its smallest unique index on NOT NULL columns with
 * neither expressions nor a predicate. Batches are ranges of it, {@code (k1, k2) > (…) AND (k1, k2) <= (…)}, which
 * the index serves.
 *
 * @param table    the table's name as {@code regclass} prints it
 * @param columns  the key's columns, in index order
 * @param types    their types as {@code format_type} prints them, for the casts of key values kept as text
 * @param index    the index's name
 * @param estimate the table's row estimate from the catalog ({@code reltuples}); -1 when never analysed
 */
public record BatchKey(String table, List<String> columns, List<String> types, String index, long estimate) {

    public BatchKey {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
    }

    /**
     * Reads the key of {@code tableName} (as written in the migration, read by {@code ::regclass}).
     *
     * @throws BackfillStopped naming the table and what to do when it has no usable key or does not exist
     */
    public static BatchKey of(Connection c, String tableName, String subject) throws SQLException {
        String sql = """
                SELECT c.oid::regclass::text, ix.relname, i.indisprimary,
                       array_agg(a.attname::text ORDER BY k.ord), array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY k.ord),
                       bool_and(a.attnotnull), c.reltuples::bigint
                FROM pg_class c
                JOIN pg_index i ON i.indrelid = c.oid
                JOIN pg_class ix ON ix.oid = i.indexrelid
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                WHERE c.oid = ?::regclass AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
                  AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts
                GROUP BY c.oid, ix.relname, i.indisprimary, i.indexrelid, c.reltuples
                ORDER BY bool_and(a.attnotnull) DESC, i.indisprimary DESC, count(*), ix.relname
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tableName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(6)) {
                    String seen = rs.getRow() > 0 ? " (its unique indexes allow NULLs)" : "";
                    throw new BackfillStopped(ErrorCode.MIGRATION_FAILED, subject, subject + ": table " + tableName + " has no "
                            + "primary key and no unique index on NOT NULL columns" + seen + ", so a backfill cannot "
                            + "page over it. Add a primary key (or a unique index on NOT NULL columns, built "
                            + "CONCURRENTLY) in an earlier migration, or take the " + BackfillSettings.MARKER
                            + " line out to run it as one statement", null);
                }
                return new BatchKey(rs.getString(1), strings(rs.getArray(4)), strings(rs.getArray(5)), rs.getString(2),
                        rs.getLong(7));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new BackfillStopped(ErrorCode.MIGRATION_FAILED, subject, subject + ": the table " + tableName
                        + " the backfill updates does not exist (on this search_path); create it in an earlier migration",
                        e);
            }
            throw e;
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return Arrays.asList((String[]) a.getArray());
    }

    /** {@code (r."k1", r."k2")} for the columns as {@code reference} names the table. */
    String row(String reference) {
        String cols = columns.stream().map(col -> reference + "." + Identifiers.quote(col)).collect(Collectors.joining(", "));
        return columns.size() == 1 ? cols : "(" + cols + ")";
    }

    /** {@code (?::int8, ?::text)}: the key's values, bound as text and cast to the columns' types. */
    String parameters() {
        String ps = IntStream.range(0, columns.size()).mapToObj(i -> "?::" + types.get(i)).collect(Collectors.joining(", "));
        return columns.size() == 1 ? ps : "(" + ps + ")";
    }

    /** {@code "k1", "k2"} unqualified. */
    String list() {
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    /**
     * {@code "k1"::text AS slipway_key_1, …}: named apart from the columns, because ORDER BY a bare name means the
     * output column of that name first, and ordering by the text of a number is not ordering by the number.
     */
    String asText() {
        return IntStream.range(0, columns.size()).mapToObj(i -> Identifiers.quote(columns.get(i)) + "::text AS slipway_key_"
                + (i + 1)).collect(Collectors.joining(", "));
    }

    /** The key's columns for messages: {@code id} or {@code (tenant, id)}. */
    String display() {
        return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
    }
}
