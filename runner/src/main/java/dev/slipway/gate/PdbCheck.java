package dev.slipway.gate;

import dev.slipway.config.GateConfig;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetList;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every PodDisruptionBudget of the environment's namespaces (or of all namespaces) matching its selector, read
 * through the Kubernetes API and judged by {@link PdbJudge}. An API server that cannot be reached, or no budget at
 * all, is unknown: never a pass.
 */
public final class PdbCheck implements GateCheck {

    private final KubernetesClient client;
    private final GateConfig.Pdb settings;

    public PdbCheck(KubernetesClient client, GateConfig.Pdb settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "pdb";
    }

    @Override
    public Object inputs() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("apiServer", client.getMasterUrl().toString());
        in.put("namespaces", settings.namespaces().isEmpty() ? List.of("*") : settings.namespaces());
        in.put("selector", settings.selector());
        in.put("minDisruptionsAllowed", settings.minDisruptionsAllowed());
        return in;
    }

    @Override
    public List<CheckResult> run() {
        List<PdbStatus> budgets;
        try {
            budgets = list();
        } catch (KubernetesClientException e) {
            return List.of(CheckResult.unknown(name(), null, "the Kubernetes API at " + client.getMasterUrl()
                    + " did not answer: " + firstLine(e)));
        }
        if (budgets.isEmpty()) {
            return List.of(CheckResult.unknown(name(), "every PDB: disruptionsAllowed ≥ "
                    + settings.minDisruptionsAllowed(), "no PodDisruptionBudget in " + where()
                    + "; check the namespaces and selector, or remove the pdb section"));
        }
        return budgets.stream().map(p -> PdbJudge.judge(p, settings.minDisruptionsAllowed())).toList();
    }

    private List<PdbStatus> list() {
        List<PdbStatus> out = new ArrayList<>();
        if (settings.namespaces().isEmpty()) {
            select(client.policy().v1().podDisruptionBudget().inAnyNamespace()).list().getItems()
                    .forEach(p -> out.add(status(p)));
        } else {
            for (String ns : settings.namespaces()) {
                select(client.policy().v1().podDisruptionBudget().inNamespace(ns)).list().getItems()
                        .forEach(p -> out.add(status(p)));
            }
        }
        out.sort(Comparator.comparing(PdbStatus::id));
        return out;
    }

    private FilterWatchListDeletable<PodDisruptionBudget, PodDisruptionBudgetList, Resource<PodDisruptionBudget>> select(
            FilterWatchListDeletable<PodDisruptionBudget, PodDisruptionBudgetList, Resource<PodDisruptionBudget>> op) {
        return settings.selector() == null ? op : op.withLabelSelector(settings.selector());
    }

    static PdbStatus status(PodDisruptionBudget p) {
        PodDisruptionBudgetStatus s = p.getStatus();
        Condition allowed = s == null || s.getConditions() == null ? null : s.getConditions().stream()
                .filter(c -> "DisruptionAllowed".equals(c.getType())).findFirst().orElse(null);
        return new PdbStatus(p.getMetadata().getNamespace(), p.getMetadata().getName(), p.getMetadata().getGeneration(),
                s == null ? null : s.getObservedGeneration(), s == null ? null : s.getDisruptionsAllowed(),
                s == null ? null : s.getCurrentHealthy(), s == null ? null : s.getDesiredHealthy(),
                allowed == null ? null : allowed.getStatus(), allowed == null ? null : allowed.getReason());
    }

    private String where() {
        String ns = settings.namespaces().isEmpty() ? "any namespace" : "namespaces " + settings.namespaces();
        return ns + (settings.selector() == null ? "" : " matching " + settings.selector());
    }

    private static String firstLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m);
    }
}
