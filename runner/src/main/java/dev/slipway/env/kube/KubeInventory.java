package dev.slipway.env.kube;

import dev.slipway.env.EnvironmentProvider.Inventory;
import dev.slipway.env.PreviewMark;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewState;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the cluster holds, read from two lists: namespaces with Slipway's mark are previews; namespaces with a preview's
 * name but no mark are foreign (never touched); Slipway's snapshot contents whose namespace is gone are previews too
 * (a crash between deleting the namespace and its content), so the reconciler drops them. Pure.
 */
record KubeInventory(List<Namespace> namespaces, List<VolumeSnapshotContent> contents) {

    Inventory inventory() {
        List<ActualPreview> previews = new ArrayList<>();
        List<ActualPreview.Foreign> foreign = new ArrayList<>();
        for (Namespace ns : namespaces) {
            String name = ns.getMetadata().getName();
            Optional<PreviewMark> mark = PreviewLabels.mark(ns);
            if (mark.isPresent()) {
                previews.add(actual(name, mark.get()));
            } else if (name.startsWith(NamespaceNames.PREFIX)) {
                foreign.add(new ActualPreview.Foreign(name));
            }
        }
        Set<String> present = namespaces.stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        for (VolumeSnapshotContent c : contents) {
            String name = c.getSpec() == null || c.getSpec().getVolumeSnapshotRef() == null ? null
                    : c.getSpec().getVolumeSnapshotRef().getNamespace();
            Optional<PreviewMark> mark = PreviewLabels.mark(c);
            if (name != null && !present.contains(name) && mark.isPresent()
                    && name.equals(NamespaceNames.of(mark.get().key()))) {
                previews.add(actual(name, mark.get().withState(PreviewState.BUILDING)));
            }
        }
        return new Inventory(previews, foreign);
    }

    private static ActualPreview actual(String name, PreviewMark m) {
        return new ActualPreview(name, m.key(), m.headSha(), m.state(), m.createdAt());
    }
}
