package dev.slipway.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.slipway.lint.LintCorpus.Case;
import dev.slipway.lint.rules.Rules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every rule fires on its corpus cases and stays silent on the safe look-alikes. */
class LintCorpusTest {

    @TempDir
    Path scratch;

    @TestFactory
    Stream<DynamicTest> everyCaseBehavesAsNamed() {
        return LintCorpus.cases().stream().map(c -> dynamicTest(c.rule() + "/" + c.name(), () -> check(c)));
    }

    private void check(Case c) throws Exception {
        List<Finding> findings = LintCorpus.lint(c, scratch).findings();
        if (c.fires()) {
            assertThat(findings).as("findings of %s on %s", c.rule(), c.path())
                    .anyMatch(f -> f.rule().equals(c.rule()));
        } else {
            assertThat(findings).as("a safe case must produce no finding at all (an info note aside): %s", c.path())
                    .allMatch(f -> f.severity() == Severity.INFO);
        }
    }

    @Test
    void everyRuleHasTwoFiringCasesAndOneSafeCase() {
        Map<String, List<Case>> byRule = LintCorpus.cases().stream().collect(Collectors.groupingBy(Case::rule));
        for (Rule rule : Rules.all()) {
            List<Case> cases = byRule.getOrDefault(rule.info().id(), List.of());
            assertThat(cases.stream().filter(Case::fires).count()).as("firing cases of %s", rule.info().id())
                    .isGreaterThanOrEqualTo(2);
            assertThat(cases.stream().filter(c -> !c.fires()).count()).as("safe cases of %s", rule.info().id())
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void everyCorpusFolderNamesARule() {
        List<String> ids = Rules.all().stream().map(r -> r.info().id()).toList();
        assertThat(LintCorpus.cases()).allSatisfy(c -> assertThat(ids).contains(c.rule()));
        assertThat(LintCorpus.cases()).allSatisfy(c -> assertThat(c.name()).matches("(fire|safe)-\\d+"));
    }

    @Test
    void thereAreAtLeastTwentyFiveRulesWithUniqueIds() {
        List<String> ids = Rules.all().stream().map(r -> r.info().id()).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(25).doesNotHaveDuplicates();
        assertThat(Rules.all()).allSatisfy(r -> {
            assertThat(r.info().id()).matches("[a-z][a-z0-9-]+");
            assertThat(r.info().why()).isNotBlank();
            assertThat(r.info().fix()).isNotBlank();
        });
    }
}
