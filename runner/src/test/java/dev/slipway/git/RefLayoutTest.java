package dev.slipway.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefLayoutTest {

    @Test
    void refSpecsCoverTheLayoutsPullRequestHeadsOnly() {
        assertThat(RefLayout.GITHUB.refSpec(null)).isEqualTo("+refs/pull/*/head:refs/pull/*/head");
        assertThat(RefLayout.GITLAB.refSpec(null))
                .isEqualTo("+refs/merge-requests/*/head:refs/merge-requests/*/head");
        assertThat(RefLayout.BRANCH_PREFIX.refSpec("preview/"))
                .isEqualTo("+refs/heads/preview/*:refs/heads/preview/*");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "none", textBlock = """
            GITHUB        | refs/pull/42/head                   | 42
            GITHUB        | refs/pull/42/merge                  | none
            GITHUB        | refs/pull/abc/head                  | none
            GITHUB        | refs/pull/042/head                  | none
            GITHUB        | refs/pull/1/2/head                  | none
            GITHUB        | refs/pull//head                     | none
            GITHUB        | refs/merge-requests/5/head          | none
            GITLAB        | refs/merge-requests/5/head          | 5
            GITLAB        | refs/merge-requests/5/merge         | none
            BRANCH_PREFIX | refs/heads/preview/add-index        | add-index
            BRANCH_PREFIX | refs/heads/preview/team/it's-$HOME  | team/it's-$HOME
            BRANCH_PREFIX | refs/heads/preview/Ünïcødé-漢字       | Ünïcødé-漢字
            BRANCH_PREFIX | refs/heads/preview/                 | none
            BRANCH_PREFIX | refs/heads/main                     | none
            """)
    void idOfReadsTheNumberOrTheBranchNameVerbatim(RefLayout layout, String ref, String id) {
        assertThat(layout.idOf(ref, "preview/")).isEqualTo(id);
    }

    @Test
    void numbersSortNumericallyAndBranchNamesAsText() {
        List<String> numbers = new ArrayList<>(List.of("10", "9", "100", "2"));
        List<String> names = new ArrayList<>(List.of("b", "a10", "a9"));

        numbers.sort(RefLayout.GITHUB.idOrder());
        names.sort(RefLayout.BRANCH_PREFIX.idOrder());

        assertThat(numbers).containsExactly("2", "9", "10", "100");
        assertThat(names).containsExactly("a10", "a9", "b");
    }
}
