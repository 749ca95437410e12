package dev.slipway.lint.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.lint.sql.Token.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtTopLevelSemicolonsAndKeepsEachStatementsLine() {
        List<Statement> s = SqlScript.parse("CREATE TABLE a (x int);\n\n  ALTER TABLE a\n  ADD COLUMN y int;\nSELECT 1");
        assertThat(s).extracting(Statement::verb).containsExactly("CREATE", "ALTER", "SELECT");
        assertThat(s).extracting(Statement::line).containsExactly(1, 3, 5);
        assertThat(s.get(1).column()).isEqualTo(3);
    }

    @Test
    void semicolonsInsideStringsCommentsBodiesAndParenthesesDoNotSplit() {
        String sql = """
                SELECT 'a;b', E'it\\'s; here', "we;ird" FROM t; -- trailing; comment
                /* block ; /* nested ; */ still comment ; */
                CREATE FUNCTION f() RETURNS int AS $fn$ BEGIN RETURN 1; END; $fn$ LANGUAGE plpgsql;
                DO $$ BEGIN PERFORM 1; END $$;
                CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);
                """;
        List<Statement> s = SqlScript.parse(sql);
        assertThat(s).extracting(Statement::verb).containsExactly("SELECT", "CREATE", "DO", "CREATE");
        assertThat(s.get(1).comments()).hasSize(2);
    }

    @Test
    void sqlStandardFunctionBodiesStayOneStatement() {
        List<Statement> s = SqlScript.parse("""
                CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC
                  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2;
                END;
                CREATE INDEX i ON t (c);
                """);
        assertThat(s).hasSize(2);
        assertThat(s.get(1).startsWith("CREATE", "INDEX")).isTrue();
    }

    @Test
    void keywordsInsideStringsCommentsAndBodiesAreNotWords() {
        List<Token> tokens = SqlLexer.tokenize("SELECT 'CREATE INDEX' -- DROP TABLE\n, $x$ TRUNCATE t $x$, U&'d\\0061t' /* VACUUM FULL */");
        assertThat(tokens).filteredOn(t -> t.is(Kind.WORD)).extracting(Token::text).containsExactly("SELECT");
        assertThat(tokens).extracting(Token::kind).contains(Kind.STRING, Kind.LINE_COMMENT, Kind.DOLLAR_STRING,
                Kind.BLOCK_COMMENT);
    }

    @Test
    void quotedIdentifiersKeepTheirCaseAndUnquotedOnesFold() {
        List<Token> t = SqlLexer.tokenize("\"Order \"\"Items\"\"\" Orders");
        assertThat(t.get(0).identifier()).isEqualTo("Order \"Items\"");
        assertThat(t.get(1).identifier()).isEqualTo("orders");
    }

    @Test
    void escapeStringsHonourBackslashesAndStandardStringsDoNot() {
        List<Token> e = SqlLexer.tokenize("E'a\\'b' x");
        assertThat(e.get(0).text()).isEqualTo("E'a\\'b'");
        List<Token> standard = SqlLexer.tokenize("'C:\\dir\\' x");
        assertThat(standard.get(0).text()).isEqualTo("'C:\\dir\\'");
        assertThat(standard.get(1).text()).isEqualTo("x");
    }

    @Test
    void dollarQuotesNeedTheSameTagToClose() {
        List<Token> t = SqlLexer.tokenize("$a$ has $$ and $b$ inside $a$ after $1");
        assertThat(t.get(0).kind()).isEqualTo(Kind.DOLLAR_STRING);
        assertThat(t.get(1).text()).isEqualTo("after");
        assertThat(t.get(2).kind()).isEqualTo(Kind.PARAMETER);
    }

    @Test
    void unterminatedTokensNameTheirPosition() {
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT 1;\n  SELECT 'open"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("unterminated string starting at line 2, column 10")
                .satisfies(e -> assertThat(((SqlSyntaxException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> SqlLexer.tokenize("/* a /* b */")).hasMessageContaining("block comment");
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT $tag$ x $other$")).hasMessageContaining("$tag$");
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT \"x")).hasMessageContaining("quoted identifier");
    }

    @Test
    void columnTypesNormaliseAliases() {
        Statement s = SqlScript.parse("CREATE TABLE t (a character varying(20), b timestamp(3) with time zone, "
                + "c int4[], d double precision, e public.my_enum)").get(0);
        Span all = Span.of(s);
        List<Span> cols = new Span(s, 4, all.closing(3)).splitAtCommas();
        assertThat(cols).extracting(c -> ColumnType.at(s, c.from() + 1, c.to()).display())
                .containsExactly("varchar(20)", "timestamptz(3)", "integer[]", "double precision", "my_enum");
    }
}
