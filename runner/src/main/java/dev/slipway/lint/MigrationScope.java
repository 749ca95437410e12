package dev.slipway.lint;

import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules know while they look at one migration: its statements, whether it runs in a
 * transaction, which objects it created so far (those are new and empty, so most rules leave them
 * alone), the table locks each statement is predicted to take, and the {@link Catalog} built from the
 * migrations before. Not thread-safe: one per migration.
 */
public final class MigrationScope {

    /** Statements PostgreSQL refuses to run inside a transaction block. */
    private static final List<String[]> NON_TRANSACTIONAL = List.of(new String[] {"VACUUM"},
            new String[] {"CREATE", "DATABASE"}, new String[] {"DROP", "DATABASE"}, new String[] {"ALTER", "SYSTEM"},
            new String[] {"CREATE", "TABLESPACE"}, new String[] {"DROP", "TABLESPACE"});

    private final LintMigration migration;
    private final List<Statement> statements;
    private final String sql;
    private final Catalog catalog;
    private final boolean transactional;
    private final Set<Integer> inBlock = new HashSet<>();
    private final Set<String> newTables = new HashSet<>();
    private final Set<String> newIndexes = new HashSet<>();
    private final Set<String> newSchemas = new HashSet<>();
    private final Map<Integer, List<PredictedLock>> locks = new java.util.HashMap<>();

    MigrationScope(LintMigration migration, List<Statement> statements, String sql, Catalog catalog) {
        this.migration = migration;
        this.statements = List.copyOf(statements);
        this.sql = sql;
        this.catalog = catalog;
        this.transactional = migration.inTransaction() != null ? migration.inTransaction()
                : statements.stream().noneMatch(MigrationScope::cannotRunInTransaction);
        markExplicitBlocks();
    }

    /** Statements PostgreSQL refuses inside a transaction block: CONCURRENTLY index builds, VACUUM, CREATE DATABASE, REINDEX SYSTEM... */
    public static boolean cannotRunInTransaction(Statement s) {
        if (NON_TRANSACTIONAL.stream().anyMatch(s::startsWith)) {
            return true;
        }
        String reindexed = reindexes(s);
        if (reindexed.equals("SCHEMA") || reindexed.equals("DATABASE") || reindexed.equals("SYSTEM")) {
            return true;
        }
        return (s.startsWith("CREATE") || s.startsWith("DROP", "INDEX") || s.startsWith("REINDEX")) && s.contains("CONCURRENTLY")
                && !s.startsWith("CREATE", "MATERIALIZED") && !s.startsWith("CREATE", "FUNCTION")
                || s.startsWith("ALTER", "TABLE") && s.contains("DETACH", "PARTITION") && s.contains("CONCURRENTLY");
    }

    /** What a REINDEX rebuilds ({@code INDEX}, {@code TABLE}, {@code SCHEMA}, {@code DATABASE}, {@code SYSTEM}), upper case; else empty. */
    public static String reindexes(Statement s) {
        if (!s.startsWith("REINDEX") || s.size() < 2) {
            return "";
        }
        int kind = s.token(1).text().equals("(") ? Span.of(s).closing(1) + 1 : s.matchesAt(1, "VERBOSE") ? 2 : 1;
        return kind < s.size() ? s.token(kind).text().toUpperCase(java.util.Locale.ROOT) : "";
    }

    private void markExplicitBlocks() {
        boolean open = false;
        for (Statement s : statements) {
            if (isBegin(s)) {
                open = true;
            } else if (s.startsWith("COMMIT") || s.startsWith("END") || s.startsWith("ROLLBACK") || s.startsWith("ABORT")) {
                open = false;
            } else if (open) {
                inBlock.add(s.index());
            }
        }
    }

    private static boolean isBegin(Statement s) {
        return s.startsWith("START", "TRANSACTION") || s.startsWith("BEGIN") && !s.matchesAt(1, "ATOMIC");
    }

    public LintMigration migration() {
        return migration;
    }

    public List<Statement> statements() {
        return statements;
    }

    /** The migration's SQL as the linter read it, comments and all; {@code null} when it could not be read. */
    public String sql() {
        return sql;
    }

    /** Whether the migration is a Liquibase changeset (its SQL generated, its findings at the changeset's line). */
    public boolean liquibase() {
        return migration.anchorLine() != null;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Whether the whole migration runs in one transaction (the engine's default, or as configured). */
    public boolean transactional() {
        return transactional;
    }

    /** Whether the statement runs inside a transaction: the migration's, or an explicit BEGIN … COMMIT block. */
    public boolean inTransaction(Statement s) {
        return transactional || inBlock.contains(s.index());
    }

    /** Whether the statement sits between an explicit BEGIN and COMMIT in the script. */
    public boolean inExplicitBlock(Statement s) {
        return inBlock.contains(s.index());
    }

    /** Whether this migration created the table before the current statement: it is new and empty. */
    public boolean isNewTable(String table) {
        return newTables.contains(table);
    }

    public boolean isNewTable(QualifiedName table) {
        return table != null && newTables.contains(table.name());
    }

    public boolean isNewIndex(String index) {
        return newIndexes.contains(index);
    }

    public boolean isNewSchema(String schema) {
        return newSchemas.contains(schema);
    }

    /** The table locks the statement is predicted to take. */
    public List<PredictedLock> predictedLocks(Statement s) {
        return locks.getOrDefault(s.index(), List.of());
    }

    /** Called by the linter after the rules saw the statement. */
    void record(Statement s, List<PredictedLock> predicted) {
        locks.put(s.index(), List.copyOf(predicted));
        if (s.startsWith("CREATE")) {
            remember(s);
        } else if (AlterTable.parse(s) != null && AlterTable.parse(s).actions().get(0).startsWith("RENAME", "TO")) {
            AlterTable alter = AlterTable.parse(s);
            QualifiedName renamed = QualifiedName.at(s, alter.actions().get(0).from() + 2);
            if (renamed != null && newTables.contains(alter.table().name())) {
                newTables.add(renamed.name());
            }
        }
        catalog.apply(s);
    }

    private void remember(Statement s) {
        Span all = Span.of(s);
        int table = all.find("TABLE");
        int index = all.find("INDEX");
        int schema = all.find("SCHEMA");
        int view = all.find("MATERIALIZED", "VIEW");
        if (index >= 1 && index <= 3) {
            QualifiedName name = QualifiedName.afterModifiers(s, s.matchesAt(index + 1, "CONCURRENTLY") ? index + 2 : index + 1);
            if (name != null && !s.matchesAt(name.next() - 1, "ON")) {
                newIndexes.add(name.name());
            }
        } else if (table >= 1 && table <= 3) {
            add(newTables, QualifiedName.afterModifiers(s, table + 1));
        } else if (view >= 1 && view <= 3) {
            add(newTables, QualifiedName.afterModifiers(s, view + 2));
        } else if (schema == 1) {
            add(newSchemas, QualifiedName.afterModifiers(s, 2));
        }
    }

    private static void add(Set<String> names, QualifiedName name) {
        if (name != null) {
            names.add(name.name());
        }
    }

    /** Every statement's predicted locks so far, for migration-level rules. */
    List<PredictedLock> allPredictedLocks() {
        List<PredictedLock> all = new ArrayList<>();
        statements.forEach(s -> all.addAll(predictedLocks(s)));
        return all;
    }
}
