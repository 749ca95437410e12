package dev.slipway.env.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayCli;
import dev.slipway.config.ConfigLoader;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import dev.slipway.testing.RepoFolders;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The templates in {@code ephemeral/}, loaded as they ship, and {@code slipway preview render}. */
class ManifestTemplatesTest {

    private static final ManifestTemplates TEMPLATES = ManifestTemplates.fromFolder(RepoFolders.path("ephemeral"));
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static PreviewSpec spec(PreviewKey key, String password) {
        return new PreviewSpec(NamespaceNames.of(key), key, "abc123", PreviewState.BUILDING, NOW, NOW.plusSeconds(3600),
                new Golden("slipway-golden", "golden-1", "content-1", "ebs.csi.aws.com", "snap-0abc", "ebs-snapclass",
                        "21474836480", "0123456789abcdef"), ConfigLoader.kubernetesDefaults("slipway-golden"), password);
    }

    @Test
    void rendersTheTenObjectsOfAPreviewInApplyOrderAllLabelledAsSlipways() {
        List<HasMetadata> objects = TEMPLATES.render(spec(new PreviewKey("acme/shop", "7"), "pw").values());

        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Namespace", "ResourceQuota", "LimitRange",
                "NetworkPolicy", "VolumeSnapshotContent", "VolumeSnapshot", "PersistentVolumeClaim", "Secret", "Service",
                "StatefulSet");
        assertThat(objects).allSatisfy(o -> assertThat(PreviewLabels.ours(o, new PreviewKey("acme/shop", "7"))).isTrue());
        assertThat(objects.subList(1, objects.size())).filteredOn(o -> !o.getKind().equals("VolumeSnapshotContent"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("preview-shop-pr-7"));
    }

    @Test
    void aHostileBranchNameStaysOneValueAndAddsNoKey() {
        String hostile = "x\"\n    evil: \"yes\"\n  labels: {a: b} ${namespace}";
        PreviewKey key = new PreviewKey("acme/shop", hostile);

        Namespace ns = (Namespace) TEMPLATES.render(spec(key, "pw").values()).get(0);

        assertThat(ns.getMetadata().getAnnotations()).containsEntry("slipway.dev/pr", hostile).doesNotContainKey("evil");
        assertThat(ns.getMetadata().getLabels()).containsOnlyKeys("app.kubernetes.io/managed-by", "slipway.dev/repo",
                "slipway.dev/pr");
        assertThat(PreviewLabels.mark(ns)).hasValueSatisfying(m -> assertThat(m.key()).isEqualTo(key));
    }

    @Test
    void theJarShipsTheRepositorysTemplates() {
        Map<String, String> values = spec(new PreviewKey("acme/shop", "7"), null).values();

        assertThat(ManifestTemplates.fromClasspath().renderText(values)).isEqualTo(TEMPLATES.renderText(values));
    }

    @Test
    void previewRenderPrintsLoadableManifestsWithoutAPassword() {
        StringWriter out = new StringWriter();
        int exit = SlipwayCli.run(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()), "preview",
                "render", "--repo", "acme/shop", "--pr", "42", "--head", "f00d");

        List<HasMetadata> objects = new KubernetesSerialization().unmarshal(
                new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(exit).isZero();
        assertThat(objects).hasSize(10);
        assertThat(objects.get(0).getMetadata().getName()).isEqualTo("preview-shop-pr-42");
        assertThat(objects.get(0).getMetadata().getAnnotations()).containsEntry("slipway.dev/head-commit", "f00d");
        Secret secret = (Secret) objects.get(7);
        assertThat(secret.getStringData()).containsEntry("password", PreviewSpec.PASSWORD_PLACEHOLDER);
        assertThat(out.toString()).contains("# ephemeral/statefulset.yaml").contains("<driver of the golden's content>");
    }
}
