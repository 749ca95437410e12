package dev.slipway.mask.verify;

import dev.slipway.mask.catalog.SourceCatalog;
import dev.slipway.mask.catalog.Sql;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.MaskPlan.MaskedColumn;
import dev.slipway.mask.verify.VerifyReport.Check;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The second half of verify: clear values sampled from the source's masked text columns, searched for as
 * substrings of every text, json and array column of the target, case-insensitively and whatever the column's
 * collation (a nondeterministic one cannot do LIKE: the search reads the text in the database's default collation).
 * The values themselves are never printed.
 */
public final class SampleSearch {

    /** Shorter values match too much by chance (a 3-letter value inside a word). */
    private static final int MIN_LENGTH = 6;

    private static final String TEXT_COLUMNS = """
            SELECT format('%I.%I', n.nspname, c.relname), a.attname, n.nspname, c.relname FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE c.relkind IN ('r', 'm') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
              AND (t.typcategory IN ('S', 'A') OR t.typname IN ('json', 'jsonb')) AND {schemas}
            ORDER BY 1, a.attnum
            """.replace("{schemas}", SourceCatalog.USER_SCHEMAS);

    private SampleSearch() {
    }

    /** Up to {@code size} distinct clear values, spread over the set-checked text columns. */
    static List<String> sample(Connection src, List<MaskedColumn> masked, int size) throws SQLException {
        List<MaskedColumn> columns = masked.stream().filter(c -> c.textual() && !c.rowChecked()).toList();
        List<String> values = new ArrayList<>();
        if (columns.isEmpty() || size <= 0) {
            return values;
        }
        int each = Math.max(1, size / columns.size());
        for (MaskedColumn c : columns) {
            String col = Sql.ident(c.column());
            try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT " + col
                    + "::text FROM (SELECT " + col + " FROM " + c.table().sql() + " WHERE length(" + col + "::text) >= "
                    + MIN_LENGTH + " ORDER BY random() LIMIT " + each + ") s")) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** One check per text column of the target: rows containing any sampled value. */
    static List<Check> search(Connection tgt, List<String> values) throws SQLException {
        List<Check> checks = new ArrayList<>();
        if (values.isEmpty()) {
            return checks;
        }
        Array patterns = tgt.createArrayOf("text", values.stream().map(v -> "%" + v.replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%").toArray());
        List<String[]> columns = new ArrayList<>();
        try (Statement st = tgt.createStatement(); ResultSet rs = st.executeQuery(TEXT_COLUMNS)) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(3), rs.getString(4), rs.getString(2)});
            }
        }
        for (String[] c : columns) {
            TableName table = new TableName(c[0], c[1]);
            String col = Sql.ident(c[2]);
            try (PreparedStatement ps = tgt.prepareStatement("SELECT count(*) FILTER (WHERE " + col
                    + "::text COLLATE \"default\" ILIKE ANY (?)), count(*) FROM " + table.sql())) {
                ps.setArray(1, patterns);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    checks.add(new Check(table + "." + c[2], "sample", rs.getLong(2), rs.getLong(1), 0));
                }
            }
        }
        return checks;
    }
}
