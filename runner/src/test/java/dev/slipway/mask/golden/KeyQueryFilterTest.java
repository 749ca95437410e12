package dev.slipway.mask.golden;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which of pg_stat_statements' texts become key queries: those EXPLAIN plans, not the tools' own. */
class KeyQueryFilterTest {

    @Test
    void keepsWhatExplainPlans() {
        assertThat(KeyQueryCapture.keeps("SELECT id FROM orders WHERE customer_id = $1")).isTrue();
        assertThat(KeyQueryCapture.keeps("  with recent AS (SELECT * FROM orders) SELECT count(*) FROM recent")).isTrue();
        assertThat(KeyQueryCapture.keeps("UPDATE orders SET total = $1 WHERE id = $2")).isTrue();
        assertThat(KeyQueryCapture.keeps("INSERT INTO orders (customer_id) VALUES ($1)")).isTrue();
        assertThat(KeyQueryCapture.keeps("DELETE FROM orders WHERE id = $1;")).as("a trailing semicolon").isTrue();
        assertThat(KeyQueryCapture.keeps("/* app:checkout */ SELECT 1 FROM carts WHERE id = $1")).isTrue();
    }

    @Test
    void leavesOutUtilityStatementsAndTheToolsOwnQueries() {
        assertThat(KeyQueryCapture.keeps("SET search_path = public")).isFalse();
        assertThat(KeyQueryCapture.keeps("BEGIN")).isFalse();
        assertThat(KeyQueryCapture.keeps("VACUUM ANALYZE orders")).isFalse();
        assertThat(KeyQueryCapture.keeps("CREATE INDEX ON orders (total)")).isFalse();
        assertThat(KeyQueryCapture.keeps("SELECT * FROM slipway.golden")).isFalse();
        assertThat(KeyQueryCapture.keeps("SELECT * FROM pg_stat_statements ORDER BY total_exec_time")).isFalse();
        assertThat(KeyQueryCapture.keeps("SELECT relname FROM pg_catalog.pg_class WHERE oid = $1")).isFalse();
        assertThat(KeyQueryCapture.keeps("SELECT 1; SELECT 2")).as("two statements").isFalse();
        assertThat(KeyQueryCapture.keeps("-- only a comment")).isFalse();
    }
}
