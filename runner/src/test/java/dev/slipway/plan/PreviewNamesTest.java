package dev.slipway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreviewNamesTest {

    @Test
    void numberedPullRequestOfAPlainRepositoryNameGetsThePlainName() {
        assertThat(PreviewNames.of(new PreviewKey("acme/shop", "42"))).isEqualTo("preview_shop_pr_42");
    }

    @Test
    void hostileBranchNameBecomesASafeIdentifierWithAHash() {
        String name = PreviewNames.of(new PreviewKey("acme/shop", "'; drop database x; --"));

        assertThat(name).matches("preview_shop_pr_drop_database_x_[0-9a-f]{8}");
    }

    @Test
    void threeHundredCharactersOfUnicodeStayWithinPostgresIdentifierLimit() {
        String id = "ñ漢字🚀".repeat(75);

        String name = PreviewNames.of(new PreviewKey("acme/shop", id));

        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(name).matches("[a-z0-9_]+");
    }

    @Test
    void namesThatSanitizeAlikeStayDistinct() {
        Set<String> names = new HashSet<>();
        for (String id : new String[] {"Feature-X", "feature_x", "feature.x", "FEATURE X", "feature-x"}) {
            names.add(PreviewNames.of(new PreviewKey("acme/shop", id)));
        }

        assertThat(names).hasSize(5);
    }

    @Test
    void longRepositoryNamesAreShortenedWithTheirHash() {
        String name = PreviewNames.of(new PreviewKey("acme/" + "very-long-repository-name-".repeat(4), "7"));

        assertThat(name).hasSizeLessThanOrEqualTo(63).startsWith("preview_very_long_repository_name").matches(".*_[0-9a-f]{8}");
    }

    @Test
    void sameKeyGivesSameName() {
        PreviewKey key = new PreviewKey("acme/Shop", "x/y");

        assertThat(PreviewNames.of(key)).isEqualTo(PreviewNames.of(new PreviewKey("acme/Shop", "x/y")));
    }
}
