package dev.slipway.mask;

import java.util.List;

/**
 * One statement of the recreated schema. {@code what} names it for messages ({@code index public.orders_pkey}).
 * For statements that build a unique index, {@code table}, {@code keys} (the index's key expressions) and
 * {@code predicate} let a failure be explained by counting the masked values that collide.
 */
record Ddl(String sql, String what, TableName table, List<String> keys, String predicate) {

    static Ddl of(String sql, String what) {
        return new Ddl(sql, what, null, List.of(), null);
    }

    boolean unique() {
        return !keys.isEmpty();
    }
}
