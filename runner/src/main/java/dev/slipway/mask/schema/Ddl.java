package dev.slipway.mask.schema;

import dev.slipway.mask.catalog.TableName;
import java.util.List;

/**
 * One statement of the recreated schema. {@code what} names it for messages ({@code index public.orders_pkey}).
 * For statements that build a unique index, {@code table}, {@code keys} (the index's key expressions) and
 * {@code predicate} let a failure be explained by counting the masked values that collide.
 *
 * @param local whether the statement touches {@code table} (and its partitions) alone: an index or a
 *              constraint other than a foreign key, which may be built beside those of other tables
 */
public record Ddl(String sql, String what, TableName table, List<String> keys, String predicate, boolean local) {

    static Ddl of(String sql, String what) {
        return new Ddl(sql, what, null, List.of(), null, false);
    }

    boolean unique() {
        return !keys.isEmpty();
    }
}
