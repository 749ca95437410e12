package dev.slipway.overlays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.ApiRequestLog;
import dev.slipway.testing.ClusterSimulator;
import dev.slipway.config.ServeConfig;
import dev.slipway.env.PreviewTarget;
import dev.slipway.env.kube.GoldenRefresh;
import dev.slipway.env.kube.KubernetesProvider;
import dev.slipway.env.kube.ManifestTemplates;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import dev.slipway.serve.LeaseLeadership;
import dev.slipway.testing.KubeFixture;
import dev.slipway.testing.Kustomize;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RBAC rules in {@code overlays/base/rbac.yaml} against every request the provider really makes: all of its
 * operations and paths (create, re-create after a crash, mark, inventory, drop, an orphaned content, a named and the
 * newest golden, a failing pod's diagnosis) run against the test API server, each request is mapped to
 * (API group, resource, verb), and the ClusterRole must allow exactly those: all of them, and nothing unused.
 */
@ExtendWith(PostgresExtension.class)
class RbacCoverageIT {

    /** One RBAC permission: {@code group/resource:verb}, the core group written as empty. */
    record Permission(String group, String resource, String verb) implements Comparable<Permission> {
        @Override
        public int compareTo(Permission o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return group + "/" + resource + ":" + verb;
        }
    }

    private KubeFixture kube;

    @AfterEach
    void stop() {
        if (kube != null) {
            kube.close();
        }
    }

    @Test
    void theClusterRoleAllowsExactlyTheCallsTheProviderMakes(TestDatabase golden) {
        kube = KubeFixture.start(golden.spec().withDatabase("postgres"), golden.name());
        kube.cluster().seedGolden(KubeFixture.GOLDEN_NAMESPACE, "golden-1", true);

        exerciseEveryPath();

        Set<Permission> used = kube.cluster().requests().all().stream().map(RbacCoverageIT::permission)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Permission> granted = granted(Kustomize.build("base").stream().filter(ClusterRole.class::isInstance)
                .map(ClusterRole.class::cast).findFirst().orElseThrow().getRules());
        assertThat(granted).as("rules in overlays/base/rbac.yaml").containsExactlyElementsOf(used);
    }

    @Test
    void theLeaderRoleAllowsExactlyTheCallsOfLeaseLeadership(TestDatabase golden) {
        kube = KubeFixture.start(golden.spec().withDatabase("postgres"), golden.name());
        LeaseLeadership.Timing fast = new LeaseLeadership.Timing(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(200));
        LeaseLeadership first = new LeaseLeadership(kube.cluster().client(), "slipway", "slipway-serve-x", "a", fast,
                () -> { });
        LeaseLeadership second = new LeaseLeadership(kube.cluster().client(), "slipway", "slipway-serve-x", "b", fast,
                () -> { });
        int mark = kube.cluster().requests().size();

        first.check();
        await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
        second.check();
        first.close();
        await().atMost(Duration.ofSeconds(10)).until(second::isLeader);
        second.close();

        Set<Permission> used = kube.cluster().requests().since(mark).stream().map(RbacCoverageIT::permission)
                .collect(Collectors.toCollection(TreeSet::new));
        Role role = Kustomize.build("base").stream().filter(Role.class::isInstance).map(Role.class::cast)
                .filter(r -> r.getMetadata().getName().equals("slipway-leader")).findFirst().orElseThrow();
        assertThat(granted(role.getRules())).as("Role slipway-leader in overlays/base/rbac.yaml")
                .containsExactlyElementsOf(used);
    }

    private void exerciseEveryPath() {
        KubernetesProvider newest = kube.provider(Duration.ofSeconds(20));
        KubernetesProvider named = provider(kube.settings(Duration.ofSeconds(20)), "golden-1");
        PreviewKey a = new PreviewKey("acme/shop", "1");
        PreviewKey b = new PreviewKey("acme/shop", "2");
        PreviewTarget first = named.create(NamespaceNames.of(a), a, "h1");
        newest.create(NamespaceNames.of(b), b, "h1");
        newest.create(NamespaceNames.of(b), b, "h2");
        newest.mark(first, PreviewState.READY);
        newest.connectionInfo(first.name());
        newest.inventory().previews().forEach(newest::drop);
        kube.cluster().fault(ClusterSimulator.Fault.CRASH_LOOP);
        PreviewKey c = new PreviewKey("acme/shop", "3");
        // long enough for the simulator to make the snapshot and the volume ready on a loaded machine (0.5 s was
        // not, and the create then failed on the snapshot instead): the crash loop is what this path must reach
        assertThatThrownBy(() -> kube.provider(Duration.ofSeconds(3)).create(NamespaceNames.of(c), c, "h1"))
                .hasMessageContaining("CrashLoopBackOff");
        kube.cluster().admin().namespaces().withName(NamespaceNames.of(c)).delete();
        newest.inventory().previews().forEach(newest::drop);
        refreshTheGolden();
    }

    /** The golden refresh: a failed mask, two refreshes, and pruning the older one. */
    private void refreshTheGolden() {
        kube.cluster().fault(ClusterSimulator.Fault.MASK_JOB_FAILS);
        assertThatThrownBy(() -> golden("2026-11-24T01:00:00Z").refresh()).hasMessageContaining("failed");
        kube.cluster().fault(ClusterSimulator.Fault.NONE);
        golden("2026-11-24T02:00:00Z").refresh();
        assertThat(golden("2026-11-26T02:00:00Z").refreshIfDue().orElseThrow().pruned()).hasSize(1);
    }

    private GoldenRefresh golden(String now) {
        return new GoldenRefresh(kube.cluster().client(), kube.settings(Duration.ofSeconds(20)),
                new ServeConfig.GoldenRefresh(Duration.ofHours(24), 1, "golden-source", "golden-rules",
                        RepoFolders.path("migrations/masking.yaml"), "slipway:test", null, null, "20Gi",
                        Duration.ofSeconds(20)), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    private KubernetesProvider provider(ServeConfig.Kubernetes k, String snapshot) {
        ServeConfig.Kubernetes withName = new ServeConfig.Kubernetes(k.goldenNamespace(), snapshot, k.slipwayNamespace(),
                k.postgresImage(), k.storageClass(), k.volumeSize(), k.database(), k.user(), k.quota(), k.cpu(),
                k.memory(), k.readyTimeout(), k.pollInterval());
        return new KubernetesProvider(kube.cluster().client(), new KubernetesProvider.Settings(withName,
                Duration.ofHours(1), Duration.ofSeconds(5), kube.address(),
                ManifestTemplates.fromFolder(RepoFolders.path("ephemeral"))));
    }

    /** {@code /api/v1/[namespaces/NS/]RESOURCE[/NAME]} or {@code /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME]}. */
    static Permission permission(ApiRequestLog.Request r) {
        List<String> s = Arrays.asList(r.path().replaceFirst("^/", "").split("/"));
        String group = s.get(0).equals("api") ? "" : s.get(1);
        List<String> rest = s.subList(s.get(0).equals("api") ? 2 : 3, s.size());
        boolean namespaced = rest.size() >= 3 && rest.get(0).equals("namespaces");
        List<String> object = namespaced ? rest.subList(2, rest.size()) : rest;
        boolean named = object.size() >= 2;
        String verb = switch (r.method()) {
            case "GET" -> named ? "get" : r.query().contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException(r.toString());
        };
        String resource = object.get(0) + (object.size() >= 3 ? "/" + object.get(2) : "");
        return new Permission(group, resource, verb);
    }

    private static Set<Permission> granted(List<PolicyRule> rules) {
        Set<Permission> out = new TreeSet<>();
        rules.forEach(rule -> rule.getApiGroups().forEach(g -> rule.getResources().forEach(res ->
                rule.getVerbs().forEach(v -> out.add(new Permission(g, res, v))))));
        return out;
    }
}
