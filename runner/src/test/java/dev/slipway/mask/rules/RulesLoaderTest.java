package dev.slipway.mask.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.testing.RepoFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesLoaderTest {

    @TempDir
    Path dir;

    private MaskRules load(String yaml) throws IOException {
        return RulesLoader.load(Files.writeString(dir.resolve("masking.yaml"), yaml));
    }

    private SlipwayException refused(String yaml) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml));
        assertThat(t).isInstanceOf(SlipwayException.class);
        SlipwayException e = (SlipwayException) t;
        assertThat(e.code()).isEqualTo(ErrorCode.MASK_RULES_INVALID);
        return e;
    }

    @Test
    void theRepositorysRulesFileLoads() {
        MaskRules rules = RulesLoader.load(RepoFolders.path("migrations/masking.yaml"));

        assertThat(rules.tables()).containsKeys(new TableName("public", "customers"), new TableName("public", "orders"),
                new TableName("public", "flyway_schema_history"));
        assertThat(rules.tables().get(new TableName("public", "customers")).columns().get("email").domain())
                .isEqualTo("customer_email");
        assertThat(rules.sha256()).hasSize(64);
    }

    @Test
    void shorthandAndMapFormsAndQuotedNamesAreRead() throws IOException {
        MaskRules rules = load("""
                tables:
                  Sales Dept."Order.Lines":
                    columns:
                      email: {transformer: hash, length: 12}
                      name: name
                  audit:
                    truncate: true
                """);

        MaskRules.TableRule lines = rules.tables().get(new TableName("Sales Dept", "Order.Lines"));
        assertThat(lines.columns().get("email").options()).containsEntry("length", "12");
        assertThat(lines.columns().get("name").transformer()).isEqualTo("name");
        assertThat(rules.tables().get(new TableName("public", "audit")).mode()).isEqualTo(MaskRules.Mode.TRUNCATE);
    }

    @Test
    void everyProblemIsListedWithItsKeyAndLine() {
        SlipwayException e = refused("""
                domains: [customer_email]
                tables:
                  public.customers:
                    columns:
                      email: {transformer: emial}
                      phone: {transformer: phone, domain: customer_mail}
                      code: {transformer: hash, length: 2}
                      nick: {transformer: hash, lenght: 8}
                  public.orders:
                    keep_all: true
                    truncate: true
                """);

        assertThat(e.getMessage()).contains("masking.yaml has 5 problems",
                "line 5: tables.public.customers.columns.email: unknown transformer 'emial'; did you mean email?",
                "line 6: tables.public.customers.columns.phone.domain: domain 'customer_mail' is not declared "
                        + "under 'domains:'; did you mean customer_email?",
                "line 7: tables.public.customers.columns.code: length must be between 4 and 48",
                "tables.public.customers.columns.nick.lenght: unknown key for transformer 'hash'",
                "line 10: tables.public.orders: give exactly one of");
    }

    @Test
    void unknownTopLevelKeysAndMissingRequiredOptionsAreRefused() {
        assertThat(refused("tabels: {}\n").getMessage()).contains("unknown key; allowed here: domains, tables; did you mean tables?");
        assertThat(refused("tables:\n  t:\n    columns:\n      c: {transformer: regex_replace, pattern: '[a-'}\n")
                .getMessage()).contains("needs 'replacement:'", "pattern is not a valid regular expression");
        assertThat(refused("tables:\n  t:\n    columns:\n      c: json\n").getMessage()).contains("json needs 'paths:'");
    }

    @Test
    void aMissingFileSaysWhichFlagToPass() {
        assertThatThrownBy(() -> RulesLoader.load(dir.resolve("nope.yaml"))).hasMessageContaining("does not exist")
                .hasMessageContaining("--rules");
    }
}
