package dev.slipway.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.lint.rules.Rules;
import dev.slipway.testing.RepoFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule tables of docs/lint.md list every rule with its default severity, so the documentation cannot fall behind. */
class DocsRulesTest {

    @Test
    void everyRuleHasARowWithItsDefaultSeverity() throws IOException {
        String docs = Files.readString(RepoFolders.path("docs/lint.md"));
        List<RuleInfo> all = new ArrayList<>();
        Rules.all().forEach(r -> all.add(r.info()));
        all.addAll(TraceRules.ALL);
        all.addAll(MetaRules.ALL);
        assertThat(all).allSatisfy(r -> assertThat(docs).contains("| `" + r.id() + "` | " + r.severity().label() + " | "));
    }
}
