package dev.slipway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespaceNamesTest {

    @Test
    void numberedPullRequestOfAPlainRepositoryNameGetsThePlainName() {
        assertThat(NamespaceNames.of(new PreviewKey("acme/shop", "42"))).isEqualTo("preview-shop-pr-42");
    }

    @Test
    void hostileBranchNameBecomesADnsLabelWithAHash() {
        String name = NamespaceNames.of(new PreviewKey("acme/shop", "'; kubectl delete ns kube-system; --"));

        assertThat(name).matches("preview-shop-pr-kubectl-delete-ns-kube-system-[0-9a-f]{8}");
        assertThat(NamespaceNames.isLabel(name)).isTrue();
    }

    @Test
    void repositoryNamesWithCapitalsOrUnderscoresAreHashed() {
        String name = NamespaceNames.of(new PreviewKey("acme/Shop_Front", "3"));

        assertThat(name).matches("preview-shop-front-pr-3-[0-9a-f]{8}");
    }

    @Test
    void unicodeAndLengthStayWithinTheLabelLimit() {
        String name = NamespaceNames.of(new PreviewKey("acme/" + "long-repository-".repeat(6), "ñ漢字🚀".repeat(75)));

        assertThat(name).hasSizeLessThanOrEqualTo(63).startsWith("preview-long-repository");
        assertThat(NamespaceNames.isLabel(name)).isTrue();
    }

    @Test
    void namesThatSanitizeAlikeStayDistinct() {
        Set<String> names = new HashSet<>();
        for (String id : new String[] {"Feature-X", "feature_x", "feature.x", "FEATURE X", "feature-x", "feature--x"}) {
            names.add(NamespaceNames.of(new PreviewKey("acme/shop", id)));
        }

        assertThat(names).hasSize(6).allMatch(NamespaceNames::isLabel);
    }

    @Test
    void onlyDnsLabelsPass() {
        assertThat(NamespaceNames.isLabel("preview-shop-pr-1")).isTrue();
        assertThat(NamespaceNames.isLabel("-preview")).isFalse();
        assertThat(NamespaceNames.isLabel("preview-")).isFalse();
        assertThat(NamespaceNames.isLabel("Preview")).isFalse();
        assertThat(NamespaceNames.isLabel("a".repeat(64))).isFalse();
    }

    @Test
    void theReconcilerPlansCreatesWithTheProvidersNames() {
        Reconciler reconciler = new Reconciler(new ReconcilePolicy(Duration.ofHours(1), 5), NamespaceNames::of);
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        DesiredPreview pr = new DesiredPreview(new PreviewKey("acme/shop", "7"), "abc", "b", now);

        Plan plan = reconciler.plan(List.of(pr), List.of(), List.of(new ActualPreview.Foreign("preview-shop-pr-7")),
                Set.of(), now);

        assertThat(plan.of(Action.Blocked.class)).singleElement()
                .extracting(Action.Blocked::name).isEqualTo("preview-shop-pr-7");
    }
}
