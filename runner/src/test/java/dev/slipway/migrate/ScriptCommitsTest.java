package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptCommitsTest {

    @Test
    void findsTheLastTopLevelCommitBeforeTheFailingStatement() {
        String sql = "BEGIN;\nINSERT INTO a VALUES (1);\nCOMMIT;\nBEGIN;\nINSERT INTO a VALUES (2);\nEND;\nUPDATE a SET x = 1;\n";

        assertThat(ScriptCommits.lastBefore(sql, 7)).hasValue(new ScriptCommits.CommitPoint(6, "END"));
        assertThat(ScriptCommits.lastBefore(sql, 5)).hasValue(new ScriptCommits.CommitPoint(3, "COMMIT"));
        assertThat(ScriptCommits.lastBefore(sql, 2)).isEmpty();
    }

    @Test
    void commitsInBodiesStringsAndCommentsDoNotCount() {
        String sql = """
                -- COMMIT;
                CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO a VALUES (1); COMMIT; END $$;
                DO $$ BEGIN PERFORM 1; END $$;
                INSERT INTO notes VALUES ('COMMIT;');
                /* END; */
                SELECT CASE WHEN true THEN 1 END;
                CREAT TABLE oops (id int);
                """;

        assertThat(ScriptCommits.lastBefore(sql, 7)).isEmpty();
    }

    @Test
    void anUnknownLineCountsEveryCommitAndCommitPreparedIsNotTheScriptsOwn() {
        assertThat(ScriptCommits.lastBefore("INSERT INTO a VALUES (1);\ncommit and chain;\nSELECT 1;", -1))
                .hasValue(new ScriptCommits.CommitPoint(2, "commit and chain"));
        assertThat(ScriptCommits.lastBefore("COMMIT PREPARED 'x';\nSELECT 1;", 2)).isEmpty();
    }

    @Test
    void findsTheNthCommitOnTheLineOfItsFile() {
        String body = "INSERT INTO a VALUES (1);\nCOMMIT;\n-- COMMIT;\nINSERT INTO a VALUES (2);\nEND;\n";

        assertThat(ScriptCommits.count(body)).isEqualTo(2);
        assertThat(ScriptCommits.nth(body, 2, 7)).as("the body starts on line 7 of its file")
                .hasValue(new ScriptCommits.CommitPoint(11, "END"));
        assertThat(ScriptCommits.nth(body, 3, 1)).isEmpty();
    }

    @Test
    void tellsASingleStatementThatCommits() {
        assertThat(ScriptCommits.isCommit("COMMIT")).isTrue();
        assertThat(ScriptCommits.isCommit("  end ")).isTrue();
        assertThat(ScriptCommits.isCommit("-- done\nCOMMIT")).isTrue();
        assertThat(ScriptCommits.isCommit("ROLLBACK")).isFalse();
        assertThat(ScriptCommits.isCommit("INSERT INTO t VALUES ('COMMIT')")).isFalse();
    }
}
