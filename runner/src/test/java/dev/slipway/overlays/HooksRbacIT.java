package dev.slipway.overlays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.ApiRequestLog;
import dev.slipway.testing.ClusterSimulator;
import dev.slipway.testing.MockCluster;
import dev.slipway.config.ConfigLoader;
import dev.slipway.config.GateConfig;
import dev.slipway.gate.PdbCheck;
import dev.slipway.overlays.RbacCoverageIT.Permission;
import dev.slipway.testing.Kustomize;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Argo CD hook Jobs' RBAC, as each overlay renders it, against the requests the gate's PodDisruptionBudget check
 * really sends for that overlay's own {@code slipway.yaml}: every request must be allowed to the hooks'
 * ServiceAccount in the namespace it reads (a binding in that namespace, or cluster-wide), and nothing beyond reading
 * PodDisruptionBudgets is granted.
 */
class HooksRbacIT {

    private static final Pattern NAMESPACED = Pattern.compile("/namespaces/([^/]+)/");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theHooksMayReadThePodDisruptionBudgetsOfEveryNamespaceTheGateChecks(String overlay) throws IOException {
        List<HasMetadata> objects = Kustomize.build(overlay);
        GateConfig.Pdb pdb = gate(objects, overlay).pdb();
        Subject hooks = new Subject(null, "ServiceAccount", "slipway-hooks-" + overlay, "slipway-" + overlay);

        List<ApiRequestLog.Request> sent = gateRequests(pdb);

        assertThat(sent).as("the gate's PDB check reads the API").isNotEmpty();
        assertThat(pdb.namespaces()).as("the overlay's gate checks namespaces other than Slipway's own")
                .doesNotContain("slipway-" + overlay);
        for (ApiRequestLog.Request r : sent) {
            String namespace = namespace(r);
            assertThat(grantedTo(objects, hooks, namespace)).as("%s %s for %s", r.method(), r.path(), hooks.getName())
                    .contains(RbacCoverageIT.permission(r));
        }
        assertThat(grantedTo(objects, hooks, "any-namespace")).as("read-only, PodDisruptionBudgets only")
                .allMatch(p -> p.group().equals("policy") && p.resource().equals("poddisruptionbudgets")
                        && p.verb().matches("get|list"));
    }

    private GateConfig gate(List<HasMetadata> objects, String overlay) throws IOException {
        ConfigMap hookConfig = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("slipway-hook-config-" + overlay)).findFirst()
                .orElseThrow();
        Path file = Files.writeString(dir.resolve("slipway.yaml"), hookConfig.getData().get("slipway.yaml"));
        return ConfigLoader.load(file).environments().get(overlay).gate();
    }

    /** What {@link PdbCheck} sends for these settings, as the API server receives it. */
    private static List<ApiRequestLog.Request> gateRequests(GateConfig.Pdb pdb) {
        try (MockCluster cluster = MockCluster.start(ClusterSimulator.Pods.NONE, 1_000)) {
            new PdbCheck(cluster.client(), pdb).run();
            return cluster.requests().all();
        }
    }

    private static String namespace(ApiRequestLog.Request r) {
        Matcher m = NAMESPACED.matcher(r.path());
        return m.find() ? m.group(1) : null;
    }

    /**
     * What {@code subject} may do in {@code namespace} (null: cluster-wide): ClusterRoleBindings anywhere, and
     * RoleBindings of that namespace.
     */
    private static List<Permission> grantedTo(List<HasMetadata> objects, Subject subject, String namespace) {
        List<Permission> out = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof ClusterRoleBinding b && binds(b.getSubjects(), subject)) {
                out.addAll(rules(objects, b.getRoleRef(), null));
            } else if (o instanceof RoleBinding b && binds(b.getSubjects(), subject) && namespace != null
                    && namespace.equals(b.getMetadata().getNamespace())) {
                out.addAll(rules(objects, b.getRoleRef(), namespace));
            }
        }
        return out;
    }

    private static boolean binds(List<Subject> subjects, Subject wanted) {
        return subjects.stream().anyMatch(s -> s.getKind().equals(wanted.getKind())
                && s.getName().equals(wanted.getName()) && wanted.getNamespace().equals(s.getNamespace()));
    }

    private static List<Permission> rules(List<HasMetadata> objects, RoleRef ref, String namespace) {
        List<PolicyRule> rules = objects.stream().filter(o -> o.getKind().equals(ref.getKind())
                        && o.getMetadata().getName().equals(ref.getName())
                        && (ref.getKind().equals("ClusterRole") || namespace.equals(o.getMetadata().getNamespace())))
                .flatMap(o -> o instanceof ClusterRole c ? c.getRules().stream() : ((Role) o).getRules().stream())
                .toList();
        List<Permission> out = new ArrayList<>();
        rules.forEach(rule -> rule.getApiGroups().forEach(g -> rule.getResources().forEach(res ->
                rule.getVerbs().forEach(v -> out.add(new Permission(g, res, v))))));
        return out;
    }
}
