package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.backfill.BackfillSettings;
import java.time.Duration;
import java.util.List;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.Test;

class LiquibaseBackfillsTest {

    private static final String TOUCH = "-- slipway:backfill batch-time=50ms\nUPDATE accounts SET touched = 1;";

    @Test
    void findsTheChangesetsWhoseSqlDeclaresABackfillWithItsSettings() {
        ChangeSet touch = changeSet("touch", false, false, TOUCH);
        ChangeSet plain = changeSet("plain", true, false, "UPDATE accounts SET touched = 2;");

        List<LiquibaseBackfills.Declared> found = LiquibaseBackfills.find(List.of(plain, touch), BackfillSettings.DEFAULT);

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.changeSet()).isSameAs(touch);
            assertThat(d.change()).isSameAs(touch.getChanges().get(0));
            assertThat(d.migration()).isEqualTo("changelog.yaml::touch::test");
            assertThat(d.script().settings().batchTime()).isEqualTo(Duration.ofMillis(50));
            assertThat(d.script().update().set()).isEqualTo("touched = 1");
        });
        assertThat(LiquibaseBackfills.anyDeclared(List.of(plain))).isFalse();
        assertThat(LiquibaseBackfills.anyDeclared(List.of(plain, touch))).isTrue();
    }

    @Test
    void refusesAChangesetThatWouldRunAgainNamingItAndWhatToWrite() {
        assertThat(refusal(changeSet("touch", false, true, TOUCH)))
                .contains("changeset changelog.yaml::touch::test declares a backfill", "runOnChange", "runs once");
    }

    @Test
    void refusesABackfillThatLiquibaseWouldRecordAsRunWhenItStops() {
        ChangeSet touch = changeSet("touch", false, false, TOUCH);
        touch.setFailOnError(false);

        assertThat(refusal(touch)).contains("failOnError: false", "never resume");
    }

    @Test
    void refusesABackfillBesideOtherChangesInItsChangeset() {
        ChangeSet touch = changeSet("touch", false, false, TOUCH);
        touch.addChange(new RawSQLChange("ANALYZE accounts"));

        assertThat(refusal(touch)).contains("holds 2 changes", "changesets of their own");
    }

    @Test
    void refusesBadSettingsNamingTheChangeset() {
        assertThat(refusal(changeSet("touch", false, false, "-- slipway:backfill batch-time=soon\nUPDATE a SET b = 1;")))
                .contains("changeset changelog.yaml::touch::test", "batch-time: 'soon' is not a duration");
    }

    private static String refusal(ChangeSet changeSet) {
        SlipwayException e = catchThrowableOfType(SlipwayException.class,
                () -> LiquibaseBackfills.find(List.of(changeSet), BackfillSettings.DEFAULT));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        return e.getMessage();
    }

    private static ChangeSet changeSet(String id, boolean inTransaction, boolean runOnChange, String sql) {
        ChangeSet changeSet = new ChangeSet(id, "test", false, runOnChange, "changelog.yaml", null, null, inTransaction,
                null);
        changeSet.addChange(new RawSQLChange(sql));
        return changeSet;
    }
}
