package dev.slipway.env.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.plan.PreviewKey;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewLabelsTest {

    @Test
    void validTextIsItsOwnLabelValueAndSlashesBecomeDots() {
        assertThat(PreviewLabels.value("42")).isEqualTo("42");
        assertThat(PreviewLabels.value("acme/shop")).isEqualTo("acme.shop");
    }

    @Test
    void invalidOrLongTextGetsAValidValueWithAHash() {
        String a = PreviewLabels.value("feature x!");
        String b = PreviewLabels.value("feature_x!");
        String long1 = PreviewLabels.value("ä".repeat(100));

        assertThat(a).matches("feature_x-[0-9a-f]{8}").isNotEqualTo(b);
        assertThat(long1).hasSizeLessThanOrEqualTo(63).matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    }

    @Test
    void aMarkNeedsSlipwaysLabelsAndAnnotationsThatAgree() {
        PreviewKey key = new PreviewKey("acme/shop", "7");
        Map<String, String> annotations = Map.of(PreviewLabels.REPO, "acme/shop", PreviewLabels.PR, "7",
                PreviewLabels.HEAD, "abc", PreviewLabels.STATE, "ready", PreviewLabels.CREATED, "2026-11-24T10:00:00Z");

        Namespace ours = ns(PreviewLabels.of(key), annotations);
        Namespace relabelled = ns(PreviewLabels.of(new PreviewKey("acme/shop", "8")), annotations);
        Namespace unlabelled = ns(Map.of(), annotations);

        assertThat(PreviewLabels.mark(ours)).hasValueSatisfying(m -> assertThat(m.key()).isEqualTo(key));
        assertThat(PreviewLabels.mark(relabelled)).isEmpty();
        assertThat(PreviewLabels.mark(unlabelled)).isEmpty();
    }

    private static Namespace ns(Map<String, String> labels, Map<String, String> annotations) {
        return new NamespaceBuilder().withNewMetadata().withName("preview-shop-pr-7").withLabels(labels)
                .withAnnotations(annotations).endMetadata().build();
    }
}
