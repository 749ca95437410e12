package dev.slipway.mask.rules;

import dev.slipway.CloseMatches;
import dev.slipway.mask.catalog.SourceCatalog.Column;
import dev.slipway.mask.catalog.SourceCatalog.ForeignKey;
import dev.slipway.mask.catalog.SourceCatalog.Table;
import dev.slipway.mask.catalog.SourceCatalog;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.MaskPlan.MaskedColumn;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import dev.slipway.mask.rules.MaskRules.Mode;
import dev.slipway.mask.rules.MaskRules.TableRule;
import dev.slipway.mask.transform.ColumnRule;
import dev.slipway.mask.transform.Keyring;
import dev.slipway.mask.transform.Transformer;
import dev.slipway.mask.transform.Transformers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Checks rules against the source catalog and decides the copy ({@link MaskPlan}). Pure: reads no database.
 * Every problem is collected, so one run of {@code --check} lists them all.
 */
public final class MaskPlanner {

    private final MaskRules rules;
    private final SourceCatalog catalog;
    private final Keyring keys;
    private final List<String> problems = new ArrayList<>();
    private final List<String> uncovered = new ArrayList<>();

    private MaskPlanner(MaskRules rules, SourceCatalog catalog, Keyring keys) {
        this.rules = rules;
        this.catalog = catalog;
        this.keys = keys;
    }

    public static MaskPlan plan(MaskRules rules, SourceCatalog catalog, Keyring keys) {
        return new MaskPlanner(rules, catalog, keys).plan();
    }

    private MaskPlan plan() {
        rules.tables().values().forEach(this::checkRuleTable);
        List<Table> roots = catalog.tables().values().stream().filter(t -> t.partitionOf() == null).toList();
        int columns = 0;
        int masked = 0;
        List<String> truncated = new ArrayList<>();
        List<MaskedColumn> maskedColumns = new ArrayList<>();
        for (Table t : roots) {
            TableRule rule = rules.tables().get(t.name());
            List<Column> copied = t.columns().stream().filter(c -> !c.generated()).toList();
            columns += copied.size();
            if (rule == null) {
                copied.forEach(c -> uncovered.add(t.name() + "." + c.name()));
            } else if (rule.mode() == Mode.TRUNCATE) {
                truncated.add(t.name().toString());
            } else if (rule.mode() == Mode.COLUMNS) {
                masked += checkColumns(t, rule, maskedColumns);
            }
        }
        checkForeignKeys();
        List<TablePlan> tables = problems.isEmpty() && uncovered.isEmpty() ? tablePlans() : List.of();
        Coverage coverage = new Coverage(roots.size(), columns, masked, columns - masked - uncovered.size()
                - truncatedColumns(roots), truncated, uncovered);
        return new MaskPlan(tables, List.copyOf(maskedColumns), coverage, List.copyOf(problems));
    }

    private int truncatedColumns(List<Table> roots) {
        return roots.stream().filter(t -> rules.tables().containsKey(t.name())
                        && rules.tables().get(t.name()).mode() == Mode.TRUNCATE)
                .mapToInt(t -> (int) t.columns().stream().filter(c -> !c.generated()).count()).sum();
    }

    private void checkRuleTable(TableRule rule) {
        Table t = catalog.tables().get(rule.table());
        if (t == null) {
            List<String> known = catalog.tables().keySet().stream().map(TableName::toString).toList();
            problem(rule.line(), "tables." + rule.table(), "no such table in the source"
                    + CloseMatches.hint(rule.table().toString(), known));
        } else if (t.partitionOf() != null) {
            problem(rule.line(), "tables." + rule.table(), "is a partition of " + t.partitionOf()
                    + "; write the rule for " + t.partitionOf() + ", it covers every partition");
        }
    }

    /** Checks each column rule of {@code t}; records uncovered columns; returns how many columns are masked. */
    private int checkColumns(Table t, TableRule rule, List<MaskedColumn> masked) {
        List<String> names = t.columns().stream().map(Column::name).toList();
        for (ColumnRule r : rule.columns().values()) {
            Column c = t.column(r.column());
            if (c == null) {
                problem(r.line(), where(t, r), "no such column in " + t.name() + CloseMatches.hint(r.column(), names));
            } else if (c.generated()) {
                problem(r.line(), where(t, r), "is a generated column: it is not copied but computed again from the "
                        + "masked columns in the target; remove its rule");
            }
        }
        int count = 0;
        for (Column c : t.columns()) {
            ColumnRule r = rule.columns().get(c.name());
            if (c.generated()) {
                continue;
            }
            if (r == null) {
                uncovered.add(t.name() + "." + c.name());
            } else if (tryCreate(t, c, r) && !r.keeps()) {
                count++;
                masked.add(new MaskedColumn(t.name(), c.name(), r.transformer(), rowKey(t, r), c.textual()));
            }
        }
        return count;
    }

    private boolean tryCreate(Table t, Column c, ColumnRule r) {
        List<String> names = t.columns().stream().filter(x -> !x.generated()).map(Column::name).toList();
        for (String k : r.options().containsKey("key") ? rowKey(t, r) : List.<String>of()) {
            if (!names.contains(k)) {
                problem(r.line(), where(t, r) + ".key", "no column '" + k + "' in " + t.name() + CloseMatches.hint(k, names));
                return false;
            }
        }
        try {
            Transformers.create(r, target(t, c, r, List.of()), keys);
            return true;
        } catch (IllegalArgumentException e) {
            problem(r.line(), where(t, r), e.getMessage());
            return false;
        }
    }

    private static Transformers.Target target(Table t, Column c, ColumnRule r, List<String> copied) {
        List<String> key = rowKey(t, r);
        List<Integer> indexes = copied.isEmpty() ? key.stream().map(k -> 0).toList()
                : key.stream().map(copied::indexOf).toList();
        return new Transformers.Target(t.name() + "." + c.name(), c, indexes, t.name() + "." + c.name());
    }

    private static List<String> rowKey(Table t, ColumnRule r) {
        String key = r.options().get("key");
        return key != null ? List.of(key.split("\\s*,\\s*")) : t.primaryKey();
    }

    private void checkForeignKeys() {
        for (ForeignKey fk : catalog.foreignKeys()) {
            TableRule from = rules.tables().get(root(fk.table()));
            TableRule to = rules.tables().get(root(fk.refTable()));
            if (from == null || to == null) {
                continue;
            }
            if (to.mode() == Mode.TRUNCATE && from.mode() != Mode.TRUNCATE) {
                problem(from.line(), "tables." + from.table(), "references " + to.table() + " (foreign key "
                        + fk.name() + "), whose rows are not copied (truncate); truncate " + from.table() + " too");
            }
            for (int i = 0; i < fk.columns().size(); i++) {
                String a = treatment(from, fk.columns().get(i));
                String b = treatment(to, fk.refColumns().get(i));
                if (!a.equals(b)) {
                    problem(from.line(), "tables." + from.table() + ".columns." + fk.columns().get(i), "references "
                            + fk.refTable() + "." + fk.refColumns().get(i) + " (foreign key " + fk.name() + ") but is "
                            + a + " there " + b + "; give both the same transformer, options and domain, so that "
                            + "references still match");
                }
            }
        }
    }

    private TableName root(TableName t) {
        Table table = catalog.tables().get(t);
        return table == null || table.partitionOf() == null ? t : table.partitionOf();
    }

    /** How a column is treated, in words: equal for two columns that give equal outputs for equal inputs. */
    private static String treatment(TableRule rule, String column) {
        if (rule.mode() != Mode.COLUMNS) {
            return "kept";
        }
        ColumnRule r = rule.columns().get(column);
        if (r == null || r.keeps()) {
            return "kept";
        }
        String domain = r.domain() != null ? "domain " + r.domain() : "its own domain";
        return "masked with " + r.transformer() + (r.options().isEmpty() ? "" : " " + r.options()) + " in " + domain;
    }

    private List<TablePlan> tablePlans() {
        List<TablePlan> plans = new ArrayList<>();
        for (Table t : catalog.tables().values()) {
            if (!t.partitioned()) {
                TableName ruleTable = Objects.requireNonNullElse(t.partitionOf(), t.name());
                plans.add(tablePlan(t, rules.tables().get(ruleTable), ruleTable));
            }
        }
        plans.sort(Comparator.comparingLong(TablePlan::bytes).reversed());
        return List.copyOf(plans);
    }

    private TablePlan tablePlan(Table t, TableRule rule, TableName ruleTable) {
        List<String> copied = t.columns().stream().filter(c -> !c.generated()).map(Column::name).toList();
        Transformer[] transformers = new Transformer[copied.size()];
        if (rule.mode() == Mode.COLUMNS) {
            for (int i = 0; i < copied.size(); i++) {
                Column c = t.column(copied.get(i));
                ColumnRule r = rule.columns().get(c.name());
                Transformers.Target target = target(t, c, r, copied);
                transformers[i] = Transformers.create(r, new Transformers.Target(target.what(), c, target.rowKey(),
                        ruleTable + "." + c.name()), keys);
            }
        }
        return new TablePlan(t.name(), ruleTable, rule.mode(), copied, transformers, t.bytes(), t.estimatedRows(),
                t.binary());
    }

    private static String where(Table t, ColumnRule r) {
        return "tables." + t.name() + ".columns." + r.column();
    }

    private void problem(int line, String key, String message) {
        problems.add("line " + line + ": " + key + ": " + message);
    }
}
