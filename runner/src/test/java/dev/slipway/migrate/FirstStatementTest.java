package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStatementTest {

    @TempDir
    Path dir;

    private Path script(String sql) throws IOException {
        return Files.writeString(dir.resolve("V1__x.sql"), sql);
    }

    @Test
    void theStatementOnLineOneIsFirst() throws IOException {
        assertThat(FirstStatement.isFirst(script("CREATE INDEX CONCURRENTLY i ON t (c);"), 1)).isTrue();
    }

    @Test
    void onlyCommentsAndBlankLinesBeforeItKeepItFirst() throws IOException {
        Path script = script("""
                -- why: queries by customer
                
                /* a block comment
                   /* nested */ still a comment */
                CREATE INDEX CONCURRENTLY i ON t (c);
                """);

        assertThat(FirstStatement.isFirst(script, 5)).isTrue();
    }

    @Test
    void aStatementBeforeItMeansItIsNotFirst() throws IOException {
        Path script = script("CREATE INDEX CONCURRENTLY a ON t (a); -- first\n-- second:\nCREATE INDEX CONCURRENTLY b ON t (b);");

        assertThat(FirstStatement.isFirst(script, 3)).isFalse();
    }

    @Test
    void commentMarkersInsideAStatementDoNotHideIt() throws IOException {
        Path script = script("SELECT '/* not a comment';\nCREATE INDEX CONCURRENTLY b ON t (b);");

        assertThat(FirstStatement.isFirst(script, 2)).isFalse();
    }

    @Test
    void anUnknownLineOrAMissingFileIsNeverFirst() throws IOException {
        Path script = script("CREATE INDEX CONCURRENTLY a ON t (a);");

        assertThat(FirstStatement.isFirst(script, 0)).isFalse();
        assertThat(FirstStatement.isFirst(script, -1)).isFalse();
        assertThat(FirstStatement.isFirst(dir.resolve("V9__gone.sql"), 1)).isFalse();
    }

    @Test
    void stripCommentsKeepsTheCode() {
        assertThat(FirstStatement.stripComments("a -- x\nb /* y /* z */ */ c")).isEqualTo("a \nb  c");
    }
}
