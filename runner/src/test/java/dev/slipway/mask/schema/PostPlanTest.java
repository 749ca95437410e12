package dev.slipway.mask.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import dev.slipway.mask.rules.MaskRules;
import dev.slipway.mask.transform.Transformer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostPlanTest {

    private static final TableName EVENTS = new TableName("public", "events");
    private static final TableName EVENTS_2024 = new TableName("public", "events_2024");
    private static final TableName USERS = new TableName("public", "users");

    private static Ddl local(String sql, TableName table) {
        return new Ddl(sql, sql, table, List.of(), null, true);
    }

    private static TablePlan plan(TableName table, TableName root, long bytes) {
        return new TablePlan(table, root, MaskRules.Mode.KEEP_ALL, List.of("id"), new Transformer[1], bytes, 1, true);
    }

    @Test
    void eachTableOrPartitionTreeGetsItsOwnListInOrderLargestFirstAndTheRestStaysInOrder() {
        List<Ddl> statements = List.of(Ddl.of("setval users", "sequence"), local("users pkey", USERS),
                local("events pkey", EVENTS), local("events_2024 local index", EVENTS_2024), local("users index", USERS),
                new Ddl("events fk", "fk", EVENTS, List.of(), null, false), Ddl.of("trigger", "trigger"));

        PostPlan plan = PostPlan.of(statements, List.of(plan(USERS, USERS, 100), plan(EVENTS_2024, EVENTS, 5_000)));

        assertThat(plan.before()).extracting(Ddl::sql).containsExactly("setval users");
        assertThat(plan.tables()).hasSize(2);
        assertThat(plan.tables().get(0)).extracting(Ddl::sql).containsExactly("events pkey", "events_2024 local index");
        assertThat(plan.tables().get(1)).extracting(Ddl::sql).containsExactly("users pkey", "users index");
        assertThat(plan.after()).extracting(Ddl::sql).containsExactly("events fk", "trigger");
    }
}
