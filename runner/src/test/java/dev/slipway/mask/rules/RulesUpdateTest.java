package dev.slipway.mask.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.ColumnClassifier.Suggestion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesUpdateTest {

    @TempDir
    Path dir;

    private static final String FILE = """
            # my rules: hand-tuned
            domains: [mail]
            tables:
              public.customers:
                columns:
                  id: keep            # the key
                  email: {transformer: email, domain: mail}
              public.orders:
                columns: {id: keep, total: keep}   # flow style
              public.audit:
                keep_all: true
              public.gone:
                columns:
                  id: keep
            """;

    private static Map<TableName, Map<String, Suggestion>> source() {
        Map<TableName, Map<String, Suggestion>> s = new LinkedHashMap<>();
        s.put(new TableName("public", "customers"), columns("id", "keep", "email", "{transformer: email}", "phone",
                "{transformer: phone}"));
        s.put(new TableName("public", "orders"), columns("id", "keep", "total", "keep", "note", "'null'"));
        s.put(new TableName("public", "audit"), null);
        s.put(new TableName("public", "invoices"), columns("id", "keep", "billing_email", "{transformer: email}"));
        return s;
    }

    private static Map<String, Suggestion> columns(String... pairs) {
        Map<String, Suggestion> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], new Suggestion(pairs[i + 1], "why " + pairs[i]));
        }
        return m;
    }

    private MaskRules load(String text) throws Exception {
        return RulesLoader.load(Files.writeString(dir.resolve("masking.yaml"), text));
    }

    @Test
    void addsWhatTheSourceGainedKeepsEveryLineOfTheUserAndSaysWhatIsStale() throws Exception {
        RulesUpdate.Result r = RulesUpdate.apply(FILE, load(FILE), source());

        for (String line : FILE.lines().toList()) {
            if (!line.contains("columns: {id: keep, total: keep}")) {
                assertThat(r.text()).contains(line);
            }
        }
        assertThat(r.text()).contains("      phone: {transformer: phone}", "# why phone; added by mask init",
                "columns: {id: keep, total: keep, note: 'null'}  # flow style; added by mask init (note: why note)",
                "  public.invoices:  # added by mask init", "billing_email: {transformer: email}");
        assertThat(r.text().indexOf("phone:")).isBetween(r.text().indexOf("email: {transformer: email, domain"),
                r.text().indexOf("public.orders"));
        assertThat(r.added()).hasSize(3);
        assertThat(r.stale()).containsExactly("table public.gone is not in the source");
        MaskRules updated = load(r.text());
        assertThat(updated.tables()).containsKeys(new TableName("public", "invoices"));
        assertThat(updated.tables().get(new TableName("public", "orders")).columns()).containsKeys("id", "total", "note");
        assertThat(updated.domains()).containsExactly("mail");
    }

    @Test
    void aSecondUpdateAddsNothing() throws Exception {
        String once = RulesUpdate.apply(FILE, load(FILE), source()).text();

        RulesUpdate.Result twice = RulesUpdate.apply(once, load(once), source());

        assertThat(twice.added()).isEmpty();
        assertThat(twice.text()).isEqualTo(once);
    }
}
