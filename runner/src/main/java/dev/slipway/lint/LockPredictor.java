package dev.slipway.lint;

import static dev.slipway.lint.LockMode.ACCESS_EXCLUSIVE;
import static dev.slipway.lint.LockMode.EXCLUSIVE;
import static dev.slipway.lint.LockMode.ROW_EXCLUSIVE;
import static dev.slipway.lint.LockMode.SHARE;
import static dev.slipway.lint.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.slipway.lint.LockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Predicts the table locks a statement takes, from PostgreSQL's documentation of each command
 * (the "Explicit Locking" chapter and each ALTER TABLE sub-form). Plain reads are left out: they
 * only take ACCESS SHARE. The traced run compares what it measures against this. Pure.
 */
public final class LockPredictor {

    private final Function<String, String> tableOfIndex;

    /** @param tableOfIndex the table an index belongs to, when the linted migrations created it; else {@code null} */
    public LockPredictor(Function<String, String> tableOfIndex) {
        this.tableOfIndex = tableOfIndex;
    }

    public List<PredictedLock> predict(Statement s) {
        List<PredictedLock> locks = new ArrayList<>();
        switch (s.verb()) {
            case "ALTER" -> alter(s, locks);
            case "CREATE" -> create(s, locks);
            case "DROP" -> drop(s, locks);
            case "TRUNCATE" -> names(s, s.matchesAt(1, "TABLE") ? 2 : 1, ACCESS_EXCLUSIVE, locks);
            case "LOCK" -> lockTable(s, locks);
            case "VACUUM" -> vacuum(s, locks);
            case "CLUSTER" -> names(s, 1, ACCESS_EXCLUSIVE, locks);
            case "REINDEX" -> reindex(s, locks);
            case "REFRESH" -> refresh(s, locks);
            case "UPDATE", "DELETE", "INSERT", "MERGE" -> dml(s, locks);
            default -> { }
        }
        return locks;
    }

    private void alter(Statement s, List<PredictedLock> locks) {
        AlterTable alter = AlterTable.parse(s);
        if (alter != null) {
            LockMode mode = null;
            for (Span action : alter.actions()) {
                mode = alterActionMode(action).max(mode);
                references(action, locks);
            }
            locks.add(new PredictedLock(alter.table().name(), mode));
        } else if (s.startsWith("ALTER", "INDEX")) {
            QualifiedName index = QualifiedName.afterModifiers(s, 2);
            if (index != null && tableOfIndex.apply(index.name()) != null) {
                locks.add(new PredictedLock(tableOfIndex.apply(index.name()), SHARE_UPDATE_EXCLUSIVE));
            }
        } else if (s.startsWith("ALTER", "MATERIALIZED", "VIEW")) {
            table(s, 3, ACCESS_EXCLUSIVE, locks);
        }
    }

    /** The mode of one ALTER TABLE action; PostgreSQL takes the strongest of all the actions. */
    static LockMode alterActionMode(Span a) {
        if (a.startsWith("VALIDATE") || a.startsWith("SET", "STATISTICS") || a.startsWith("CLUSTER")
                || a.startsWith("SET", "WITHOUT", "CLUSTER") || a.startsWith("ATTACH", "PARTITION")
                || a.startsWith("DETACH", "PARTITION") && a.contains("CONCURRENTLY")
                || a.startsWith("ALTER") && a.contains("SET", "STATISTICS")
                || a.startsWith("SET", "(") && !a.contains("TOAST") || a.startsWith("RESET", "(")) {
            return SHARE_UPDATE_EXCLUSIVE;
        }
        if (AlterTable.isAddConstraint(a, "FOREIGN") || a.startsWith("ENABLE", "TRIGGER")
                || a.startsWith("DISABLE", "TRIGGER")) {
            return SHARE_ROW_EXCLUSIVE;
        }
        return ACCESS_EXCLUSIVE;
    }

    private static void references(Span action, List<PredictedLock> locks) {
        int r = action.find("REFERENCES");
        if (r >= 0) {
            QualifiedName target = QualifiedName.at(action.statement(), r + 1);
            if (target != null) {
                locks.add(new PredictedLock(target.name(), SHARE_ROW_EXCLUSIVE));
            }
        }
    }

    private void create(Statement s, List<PredictedLock> locks) {
        int index = s.find(0, "INDEX");
        int on = s.find(0, "ON");
        if (index >= 0 && index <= 3 && on > index) {
            table(s, on + 1, s.contains("CONCURRENTLY") ? SHARE_UPDATE_EXCLUSIVE : SHARE, locks);
        } else if (s.contains("TRIGGER") && on > 0) {
            table(s, on + 1, SHARE_ROW_EXCLUSIVE, locks);
        } else if (s.startsWith("CREATE") && s.contains("TABLE")) {
            int partitionOf = s.find(0, "PARTITION", "OF");
            if (partitionOf >= 0) {
                table(s, partitionOf + 2, ACCESS_EXCLUSIVE, locks);
            }
            for (int r = s.find(0, "REFERENCES"); r >= 0; r = s.find(r + 1, "REFERENCES")) {
                table(s, r + 1, SHARE_ROW_EXCLUSIVE, locks);
            }
        }
    }

    private void drop(Statement s, List<PredictedLock> locks) {
        if (s.startsWith("DROP", "TABLE")) {
            names(s, 2, ACCESS_EXCLUSIVE, locks);
        } else if (s.startsWith("DROP", "MATERIALIZED", "VIEW")) {
            names(s, 3, ACCESS_EXCLUSIVE, locks);
        } else if (s.startsWith("DROP", "INDEX")) {
            boolean concurrently = s.matchesAt(2, "CONCURRENTLY");
            QualifiedName index = QualifiedName.afterModifiers(s, concurrently ? 3 : 2);
            String table = index == null ? null : tableOfIndex.apply(index.name());
            if (table != null) {
                locks.add(new PredictedLock(table, concurrently ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE));
            }
        } else if (s.startsWith("DROP", "TRIGGER")) {
            int on = s.find(0, "ON");
            table(s, on + 1, ACCESS_EXCLUSIVE, locks);
        }
    }

    private void lockTable(Statement s, List<PredictedLock> locks) {
        int in = s.find(0, "IN");
        LockMode mode = ACCESS_EXCLUSIVE;
        if (in >= 0) {
            int modeEnd = s.find(in, "MODE");
            String words = s.textOf(in + 1, modeEnd < 0 ? s.size() : modeEnd).toUpperCase(Locale.ROOT).replace(' ', '_');
            mode = parseMode(words);
        }
        int end = in < 0 ? s.size() : in;
        names(new Span(s, 0, end), s.matchesAt(1, "TABLE") ? 2 : 1, mode, locks);
    }

    private static LockMode parseMode(String words) {
        try {
            return LockMode.valueOf(words);
        } catch (IllegalArgumentException e) {
            return ACCESS_EXCLUSIVE;
        }
    }

    private void vacuum(Statement s, List<PredictedLock> locks) {
        int first = firstNameAfterOptions(s, 1);
        names(s, first, isVacuumFull(s) ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE, locks);
    }

    /** {@code VACUUM FULL …} or {@code VACUUM (FULL[, …]) …}, but not {@code VACUUM (FULL false)}. */
    public static boolean isVacuumFull(Statement s) {
        if (!s.startsWith("VACUUM")) {
            return false;
        }
        if (s.size() > 1 && s.token(1).text().equals("(")) {
            int full = new Span(s, 1, Span.of(s).closing(1)).find("FULL");
            return full >= 0 && !(s.matchesAt(full + 1, "FALSE") || s.matchesAt(full + 1, "OFF")
                    || full + 1 < s.size() && s.token(full + 1).text().equals("0"));
        }
        return s.matchesAt(1, "FULL");
    }

    private void reindex(Statement s, List<PredictedLock> locks) {
        int i = firstNameAfterOptions(s, 1);
        boolean concurrently = s.contains("CONCURRENTLY");
        if (s.matchesAt(i, "TABLE")) {
            table(s, concurrently ? i + 2 : i + 1, concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE, locks);
        } else if (s.matchesAt(i, "INDEX")) {
            QualifiedName index = QualifiedName.at(s, concurrently ? i + 2 : i + 1);
            String table = index == null ? null : tableOfIndex.apply(index.name());
            if (table != null) {
                locks.add(new PredictedLock(table, concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE));
            }
        }
    }

    private void refresh(Statement s, List<PredictedLock> locks) {
        boolean concurrently = s.matchesAt(3, "CONCURRENTLY");
        table(s, concurrently ? 4 : 3, concurrently ? EXCLUSIVE : ACCESS_EXCLUSIVE, locks);
    }

    private void dml(Statement s, List<PredictedLock> locks) {
        int i = s.startsWith("DELETE") ? s.find(0, "FROM") + 1 : s.startsWith("INSERT") || s.startsWith("MERGE")
                ? s.find(0, "INTO") + 1 : 1;
        if (i > 0) {
            table(s, s.matchesAt(i, "ONLY") ? i + 1 : i, ROW_EXCLUSIVE, locks);
        }
    }

    /** Skips {@code (option, …)} and bare option words such as FULL, VERBOSE, ANALYZE. */
    private static int firstNameAfterOptions(Statement s, int i) {
        int j = i;
        if (j < s.size() && s.token(j).text().equals("(")) {
            j = Span.of(s).closing(j) + 1;
        }
        while (s.matchesAt(j, "FULL") || s.matchesAt(j, "FREEZE") || s.matchesAt(j, "VERBOSE")
                || s.matchesAt(j, "ANALYZE") || s.matchesAt(j, "ANALYSE")) {
            j++;
        }
        return j;
    }

    private static void table(Statement s, int i, LockMode mode, List<PredictedLock> locks) {
        QualifiedName name = QualifiedName.afterModifiers(s, i);
        if (name != null) {
            locks.add(new PredictedLock(name.name(), mode));
        }
    }

    /** A comma-separated list of names, as in DROP TABLE a, b or TRUNCATE a, b. */
    private static void names(Statement s, int i, LockMode mode, List<PredictedLock> locks) {
        names(Span.of(s), i, mode, locks);
    }

    private static void names(Span within, int i, LockMode mode, List<PredictedLock> locks) {
        for (Span part : within.from(i).splitAtCommas()) {
            QualifiedName name = QualifiedName.afterModifiers(within.statement(), part.from());
            if (name != null && name.next() <= part.to()) {
                locks.add(new PredictedLock(name.name(), mode));
            }
        }
    }
}
