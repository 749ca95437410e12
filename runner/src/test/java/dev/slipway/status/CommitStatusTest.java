package dev.slipway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.SlipwayException;
import org.junit.jupiter.api.Test;

class CommitStatusTest {

    private static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    @Test
    void cutsA300CharacterDescriptionTo140EndingInAnEllipsis() {
        CommitStatus status = status("Codertocat/Hello-World", SHA, "d".repeat(300));

        assertThat(status.description()).hasSize(140).isEqualTo("d".repeat(139) + "…");
    }

    @Test
    void keepsDescriptionsUpTo140AndNull() {
        assertThat(status("o/r", SHA, "d".repeat(140)).description()).isEqualTo("d".repeat(140));
        assertThat(status("o/r", SHA, null).description()).isNull();
    }

    @Test
    void neverCutsACharacterInHalf() {
        String description = status("o/r", SHA, "🚀".repeat(200)).description();

        assertThat(description.codePointCount(0, description.length())).isEqualTo(140);
        assertThat(description).isEqualTo("🚀".repeat(139) + "…");
    }

    @Test
    void refusesShortOrNonHexShas() {
        for (String sha : new String[] {"ec26c3e", SHA + "/../x", null, "g".repeat(40)}) {
            assertThatThrownBy(() -> status("o/r", sha, "d")).isInstanceOf(SlipwayException.class)
                    .hasMessageContaining("is not a full commit id");
        }
    }

    @Test
    void refusesRepositoriesThatAreNotPaths() {
        for (String repo : new String[] {"hello", "/r", "o/", "o//r", "o/..", "../r", null}) {
            assertThatThrownBy(() -> status(repo, SHA, "d")).as(repo).isInstanceOf(SlipwayException.class)
                    .hasMessageContaining("is not owner/name");
        }
    }

    private static CommitStatus status(String repo, String sha, String description) {
        return new CommitStatus(repo, sha, CommitState.SUCCESS, description, null, "slipway/preview");
    }
}
