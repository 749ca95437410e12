package dev.slipway.lint.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Plans compared as a plan check does, on JSON plans PostgreSQL 15 printed for {@code orders} (100,000 rows,
 * {@code orders_customer_idx} on customer_id, {@code orders_amount_idx} on amount) before and after a change.
 */
class PlanComparisonTest {

    private static Plan plan(String name) {
        try (InputStream in = PlanComparisonTest.class.getResourceAsStream("/lint/plans/" + name + ".json")) {
            return Plan.of(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlanComparison compare(String before, String after) {
        return PlanComparison.of(plan(before), plan(after), 2.0);
    }

    @Test
    void readsScansIndexesAndCostFromTheJson() {
        Plan join = plan("join");
        assertThat(join.totalCost()).isEqualTo(999.63);
        assertThat(join.scans()).extracting(Plan.Scan::toString).containsExactly(
                "Bitmap Heap Scan using orders_amount_idx on orders", "Index Only Scan using orders_pkey on orders");
        assertThat(join.indexes()).containsExactly("orders_amount_idx", "orders_pkey");
    }

    @Test
    void aDroppedIndexTurnedSequentialIsARegressionNamingTheIndex() {
        PlanComparison c = compare("customer-index-scan", "customer-seq-scan");
        assertThat(c.regressed()).isTrue();
        assertThat(c.lostIndexes()).containsExactly("orders_customer_idx");
        assertThat(c.seqScanned()).containsExactly("orders");
        assertThat(c.costRose()).isTrue();
        assertThat(c.message()).isEqualTo("Index Scan using orders_customer_idx on orders → Seq Scan on orders; "
                + "cost 11.3 → 1,791.0 (158×)");
    }

    @Test
    void aBitmapScanTurnedSequentialIsARegression() {
        PlanComparison c = compare("amount-bitmap-scan", "amount-seq-scan");
        assertThat(c.seqScanned()).containsExactly("orders");
        assertThat(c.message()).startsWith("Bitmap Heap Scan using orders_amount_idx on orders → Seq Scan on orders; "
                + "cost 260.6 → 2,041.0 (7.8×)");
    }

    @Test
    void theSamePlanAfterAnAddedColumnIsNoRegression() {
        PlanComparison c = compare("customer-index-scan", "customer-index-scan-added-column");
        assertThat(c.regressed()).isFalse();
        assertThat(c.message()).isEqualTo("cost 11.3 → 11.3 (1.0×)");
    }

    @Test
    void anotherIndexInsteadOfTheOldOneNamesBoth() {
        PlanComparison c = compare("customer-index-scan", "customer-other-index");
        assertThat(c.regressed()).isTrue();
        assertThat(c.seqScanned()).isEmpty();
        assertThat(c.costRose()).isFalse();
        assertThat(c.message()).isEqualTo("Index Scan using orders_customer_idx on orders → Index Scan using "
                + "orders_customer_amount_idx on orders; cost 11.3 → 11.9 (1.0×)");
    }

    @Test
    void aCostRiseAloneCountsOnlyAboveTheRatio() {
        Plan cheap = plan("customer-index-only-scan");
        Plan dearer = plan("customer-index-scan");
        assertThat(PlanComparison.of(cheap, dearer, 1.0).costRose()).isTrue();
        assertThat(PlanComparison.of(cheap, dearer, 100.0).regressed()).isFalse();
        assertThat(PlanComparison.of(dearer, cheap, 1.0).costRose()).isFalse();
    }

    @Test
    void refusesJsonThatIsNoPlan() throws IOException {
        assertThatThrownBy(() -> Plan.of(new ObjectMapper().readTree("[{\"x\": 1}]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a plan of EXPLAIN");
    }
}
