package dev.slipway.mask.rules;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.SourceCatalog;
import dev.slipway.mask.catalog.SourceCatalog.Column;
import dev.slipway.mask.catalog.SourceCatalog.Table;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.ColumnClassifier.Facts;
import dev.slipway.mask.rules.ColumnClassifier.Suggestion;
import dev.slipway.mask.transform.Keyring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code slipway mask init}: a complete rules file for a source, every table (partitions through their root) and
 * every copied column covered, each with the rule {@link ColumnClassifier} suggests and why. The file is checked as
 * {@code mask --check} would check it; a suggestion the planner refuses (a transformer that does not fit the column)
 * falls back to a safe one, and says so. Reads the source in one read-only transaction; sampled values go nowhere.
 */
public final class RulesInit {

    /** Engine history tables: no personal data, and every column of a later version too. */
    private static final Set<String> HISTORY = Set.of("flyway_schema_history", "databasechangelog",
            "databasechangeloglock");

    private static final String UNIQUE = """
            SELECT n.nspname, c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
            WHERE i.indisunique AND %s
            """.formatted(SourceCatalog.USER_SCHEMAS);

    /** Columns a CHECK constrains: a table's check on them, or a check of their domain. */
    private static final String CHECKED = """
            SELECT n.nspname, c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attnum > 0 AND %s AND (EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contype = 'c'
                AND k.conrelid = c.oid AND a.attnum = ANY (k.conkey))
              OR EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'))
            """.formatted(SourceCatalog.USER_SCHEMAS);

    private static final Pattern PROBLEM_LINE = Pattern.compile("^line (\\d+): [^:]+: (.*)$");

    private RulesInit() {
    }

    /** What init suggests: the file's text, and each table's columns and their rules ({@code null}: kept whole). */
    public record Suggested(String text, Map<TableName, Map<String, Suggestion>> tables) {
    }

    /** The rules for {@code source} (a connection whose {@code search_path} is empty). */
    public static Suggested write(Connection source, int sample, String describedSource) throws SQLException {
        SourceCatalog catalog = SourceCatalog.read(source);
        Set<String> unique = columns(source, UNIQUE);
        Set<String> checked = columns(source, CHECKED);
        Set<String> foreign = new HashSet<>();
        catalog.foreignKeys().forEach(fk -> {
            fk.columns().forEach(col -> foreign.add(key(fk.table(), col)));
            fk.refColumns().forEach(col -> foreign.add(key(fk.refTable(), col)));
        });
        Map<TableName, Map<String, Suggestion>> tables = new LinkedHashMap<>();
        for (Table t : catalog.tables().values()) {
            if (t.partitionOf() == null) {
                tables.put(t.name(), suggest(source, catalog, t, new Keys(unique, foreign, checked), sample));
            }
        }
        return new Suggested(validated(tables, catalog, describedSource), tables);
    }

    /** Which columns (as {@link #key}) are unique, in a foreign key, constrained by a CHECK. */
    private record Keys(Set<String> unique, Set<String> foreign, Set<String> checked) {
    }

    private static Map<String, Suggestion> suggest(Connection source, SourceCatalog catalog, Table t, Keys keys,
                                                   int sample) throws SQLException {
        Map<String, Suggestion> columns = new LinkedHashMap<>();
        if (HISTORY.contains(t.name().name())) {
            return null;
        }
        Table read = t.partitioned() ? firstLeaf(catalog, t) : t;
        for (Column c : t.columns()) {
            if (c.generated()) {
                continue;
            }
            boolean sampled = read != null && (c.textual() || c.baseType().startsWith("json"));
            Facts f = new Facts(t.name().name(), c.name(), c.baseType(), c.category(), c.array(), c.notNull(),
                    c.maxLength(), t.primaryKey().contains(c.name()), keys.foreign().contains(key(t.name(), c.name())),
                    keys.unique().contains(key(t.name(), c.name())), !t.primaryKey().isEmpty(),
                    keys.checked().contains(key(t.name(), c.name())),
                    sampled ? Samples.values(source, read.name(), c, sample) : List.of(),
                    sampled && !c.array() && c.baseType().startsWith("json") ? Samples.jsonKeys(source, read.name(), c,
                            sample) : Set.of());
            columns.put(c.name(), ColumnClassifier.suggest(f));
        }
        return columns;
    }

    private static Table firstLeaf(SourceCatalog catalog, Table root) {
        return catalog.tables().values().stream().filter(x -> root.name().equals(x.partitionOf()) && !x.partitioned())
                .findFirst().orElse(null);
    }

    /** The text, with every suggestion the planner refuses replaced by a safe one (at most a few rounds). */
    private static String validated(Map<TableName, Map<String, Suggestion>> tables, SourceCatalog catalog,
                                    String describedSource) {
        for (int round = 0; round < 4; round++) {
            RulesText text = RulesText.of(tables, describedSource);
            List<String> problems = problems(text.text(), catalog);
            if (problems.isEmpty()) {
                return text.text();
            }
            for (String p : problems) {
                Matcher m = PROBLEM_LINE.matcher(p);
                RulesText.Place place = m.matches() ? text.at(Integer.parseInt(m.group(1))) : null;
                if (place == null) {
                    throw new SlipwayException(ErrorCode.INTERNAL, "mask init wrote rules the planner refuses: " + p);
                }
                Suggestion was = tables.get(place.table()).get(place.column());
                boolean textual = catalog.tables().get(place.table()).column(place.column()).textual();
                tables.get(place.table()).put(place.column(), new Suggestion(textual && !was.rule().contains("hash")
                        ? "{transformer: hash}" : "keep", was.why() + "; " + was.rule() + " does not fit ("
                        + m.group(2) + ")"));
            }
        }
        throw new SlipwayException(ErrorCode.INTERNAL, "mask init could not write rules the planner accepts");
    }

    private static List<String> problems(String text, SourceCatalog catalog) {
        Path file = null;
        try {
            file = Files.createTempFile("slipway-init-", ".yaml");
            Files.writeString(file, text);
            MaskRules rules = RulesLoader.load(file);
            MaskPlan plan = MaskPlanner.plan(rules, catalog, Keyring.of(new byte[32]));
            List<String> all = new ArrayList<>(plan.problems());
            plan.coverage().uncovered().forEach(u -> all.add("uncovered " + u));
            return all;
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot write a temporary rules file: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static Set<String> columns(Connection c, String sql) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(key(new TableName(rs.getString(1), rs.getString(2)), rs.getString(3)));
            }
        }
        return out;
    }

    static String key(TableName table, String column) {
        return table.schema() + "\u0000" + table.name() + "\u0000" + column;
    }

    /** Some values of a column, for the classifier only: never printed, never written. */
    static final class Samples {

        private Samples() {
        }

        static List<String> values(Connection c, TableName table, Column col, int n) throws SQLException {
            String v = dev.slipway.mask.catalog.Sql.ident(col.name());
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + v + "::text FROM " + table.sql() + " WHERE "
                    + v + " IS NOT NULL AND " + v + "::text <> '' LIMIT ?")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1).strip());
                    }
                }
            }
            return out;
        }

        static Set<String> jsonKeys(Connection c, TableName table, Column col, int n) throws SQLException {
            String v = dev.slipway.mask.catalog.Sql.ident(col.name()) + "::jsonb";
            Set<String> out = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT k FROM (SELECT " + v + " AS d FROM "
                    + table.sql() + " WHERE jsonb_typeof(" + v + ") = 'object' LIMIT ?) s, jsonb_object_keys(s.d) k")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        }
    }
}
