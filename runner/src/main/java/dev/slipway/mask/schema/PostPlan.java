package dev.slipway.mask.schema;

import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements that follow the rows, arranged for several connections. {@code before} (sequence values)
 * and {@code after} (foreign keys, triggers, materialized view contents) run one at a time, in order.
 * {@code tables} holds each table's own indexes and constraints in order, one list per table or partition
 * tree, largest first: the lists touch disjoint tables, so they may run beside each other.
 */
public record PostPlan(List<Ddl> before, List<List<Ddl>> tables, List<Ddl> after) {

    /** Arranges {@code statements} (in pg_restore's order) for the tables of {@code copied}. */
    static PostPlan of(List<Ddl> statements, List<TablePlan> copied) {
        Map<TableName, TableName> root = new HashMap<>();
        Map<TableName, Long> bytes = new HashMap<>();
        for (TablePlan t : copied) {
            root.put(t.table(), t.ruleTable());
            bytes.merge(t.ruleTable(), t.bytes(), Long::sum);
        }
        List<Ddl> before = new ArrayList<>();
        List<Ddl> after = new ArrayList<>();
        Map<TableName, List<Ddl>> tables = new LinkedHashMap<>();
        for (Ddl d : statements) {
            if (d.local()) {
                tables.computeIfAbsent(root.getOrDefault(d.table(), d.table()), k -> new ArrayList<>()).add(d);
            } else {
                (tables.isEmpty() ? before : after).add(d);
            }
        }
        List<Map.Entry<TableName, List<Ddl>>> groups = new ArrayList<>(tables.entrySet());
        groups.sort(Comparator.comparing(e -> -bytes.getOrDefault(e.getKey(), 0L)));
        return new PostPlan(List.copyOf(before), groups.stream().map(e -> List.copyOf(e.getValue())).toList(),
                List.copyOf(after));
    }
}
