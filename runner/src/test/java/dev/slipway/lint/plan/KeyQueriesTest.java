package dev.slipway.lint.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key queries file: names, statements split by Slipway's lexer, and each kind of bad input named at its line. */
class KeyQueriesTest {

    private static List<KeyQuery> parse(String text) {
        return KeyQueries.parse(text, "queries.sql");
    }

    private static void refuses(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.QUERIES_INVALID);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void readsNamedStatementsWithTheirParametersAndLines() {
        List<KeyQuery> queries = parse("""
                -- the order page
                -- name: order_by_customer
                SELECT id FROM orders WHERE customer_id = $1 AND note <> 'a;b' -- not the end;
                  AND total > $2;

                -- name: count.orders
                SELECT count(*) FROM orders /* ; */
                """);

        assertThat(queries).containsExactly(
                new KeyQuery("order_by_customer", "SELECT id FROM orders WHERE customer_id = $1 AND note <> 'a;b' "
                        + "-- not the end;\n  AND total > $2", 2, 2),
                new KeyQuery("count.orders", "SELECT count(*) FROM orders /* ; */", 0, 6));
    }

    @Test
    void refusesAnEmptyFile() {
        refuses("\n-- only a comment\n", "queries.sql: no queries in it; write each key query as a `-- name: NAME` "
                + "line followed by its statement and a semicolon");
    }

    @Test
    void refusesAStatementWithoutAName() {
        refuses("\nSELECT 1;\n", "queries.sql:2: a statement without a name; put a `-- name: NAME` line before it");
    }

    @Test
    void refusesASecondStatementUnderOneName() {
        refuses("-- name: a\nSELECT 1;\nSELECT 2;\n", "queries.sql:3: a second statement under the name 'a' (line 1); "
                + "give it a `-- name: NAME` line of its own, or remove it");
    }

    @Test
    void refusesADuplicateName() {
        refuses("-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;\n", "queries.sql:3: the name 'a' is already used at "
                + "line 1; give each query a name of its own");
    }

    @Test
    void refusesANameWithoutAStatement() {
        refuses("-- name: a\n-- name: b\nSELECT 1;\n", "queries.sql:1: the name 'a' has no statement; write its query "
                + "after it, or remove the line");
        refuses("-- name: a\nSELECT 1;\n-- name: b\n", "queries.sql:3: the name 'b' has no statement; write its query "
                + "after it, or remove the line");
    }

    @Test
    void refusesANameInsideAnUnfinishedStatement() {
        refuses("-- name: a\nSELECT 1\n-- name: b\nSELECT 2;\n", "queries.sql:3: the name 'b' is inside the statement "
                + "of 'a' (line 1); end that statement with a semicolon");
    }

    @Test
    void refusesAMalformedNameAndUnreadableSql() {
        refuses("-- name: my query\nSELECT 1;\n", "queries.sql:1: expected a name of letters, digits, '_', '.' or '-' "
                + "after `-- name:`, found 'my query'");
        assertThatThrownBy(() -> parse("-- name: a\nSELECT 'open;\n")).hasMessageStartingWith("queries.sql:2: ");
    }

    @Test
    void aMissingFileSaysWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> new QueriesFile(dir.resolve("queries.sql"), "migrations/queries.sql").read())
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERIES_INVALID))
                .hasMessage("migrations/queries.sql: cannot read the key queries (no such file); pass --queries with "
                        + "the file, or remove lint.queries from slipway.yaml");
    }
}
