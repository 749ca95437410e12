package dev.slipway.mask.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one line of pg_restore 17+'s script that servers before 17 refuse, and only that line, is dropped. */
class RestoreScriptTest {

    private static final String HEADER = """
            --
            -- PostgreSQL database dump
            --

            \\restrict abc123

            SET statement_timeout = 0;
            SET lock_timeout = 0;
            SET idle_in_transaction_session_timeout = 0;
            SET transaction_timeout = 0;
            SET client_encoding = 'UTF8';
            """;

    @Test
    void theHeadersSetIsDroppedAndEverythingElseKept() {
        String script = HEADER + "\n--\n-- Name: t; Type: TABLE\n--\n\nCREATE TABLE t (id int);\n";

        String restored = strip(script);

        assertThat(restored).doesNotContain("transaction_timeout = 0")
                .contains("\\restrict abc123", "SET idle_in_transaction_session_timeout = 0;\nSET client_encoding",
                        "CREATE TABLE t (id int);");
        assertThat(restored).hasSize(script.length() - "SET transaction_timeout = 0;\n".length());
    }

    @Test
    void aFunctionThatSetsItIsTheSchemasAndStays() {
        String body = "\n--\n-- Name: f(); Type: FUNCTION\n--\n\nCREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$\n"
                + "SET transaction_timeout = 0;\n$$;\n";
        String withoutHeaderSet = HEADER.replace("SET transaction_timeout = 0;\n", "");

        assertThat(strip(withoutHeaderSet + body)).isEqualTo(withoutHeaderSet + body);
        assertThat(strip(HEADER + body)).isEqualTo(withoutHeaderSet + body);
    }

    @Test
    void aScriptWithoutItIsUnchanged() {
        assertThat(strip("SET lock_timeout = 0;\nCREATE TABLE t ();\n")).isEqualTo("SET lock_timeout = 0;\nCREATE TABLE t ();\n");
    }

    private static String strip(String script) {
        return SchemaArchive.withoutTransactionTimeout(script);
    }
}
