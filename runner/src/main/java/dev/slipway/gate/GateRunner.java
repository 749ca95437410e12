package dev.slipway.gate;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates a gate and keeps the verdict in the audit log before anyone sees it: the one path from a plan to a stored
 * verdict, for the CLI and the HTTP API alike. Thread-safe.
 */
public final class GateRunner {

    private final GateEvaluator evaluator;
    private final VerdictStore store;

    public GateRunner(GateEvaluator evaluator, VerdictStore store) {
        this.evaluator = evaluator;
        this.store = store;
    }

    /** Evaluates {@code plan} for {@code commit} and stores the verdict, recording who asked ({@code cli}, {@code api}). */
    public GateEvaluator.Evaluation evaluate(GateEvaluator.Plan plan, String commit, String source) {
        GateEvaluator.Evaluation e = evaluator.evaluate(plan, commit);
        store.save(e, source);
        return e;
    }

    /**
     * The JSON a verdict is shown as, by {@code slipway gate --json} and the API alike.
     *
     * @param api serve's public URL, for the verdict's link; {@code null} when unknown
     */
    public static Map<String, Object> view(Verdict v, Map<String, Object> inputs, URI api) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("environment", v.environment());
        out.put("commit", v.commit());
        out.put("evaluatedAt", v.evaluatedAt());
        out.put("outcome", v.outcome());
        out.put("unknownPasses", v.unknownPasses());
        out.put("durationMs", v.durationMs());
        out.put("checks", v.checks());
        out.put("inputs", inputs);
        if (api != null) {
            out.put("url", link(api, v));
        }
        return out;
    }

    /** Where serve shows the verdict. */
    public static URI link(URI api, Verdict v) {
        return api.resolve("/api/v1/verdicts/" + v.id());
    }
}
