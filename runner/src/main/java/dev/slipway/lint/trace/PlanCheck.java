package dev.slipway.lint.trace;

import dev.slipway.lint.LintMigration;
import dev.slipway.lint.TraceRules;
import dev.slipway.lint.plan.KeyQuery;
import dev.slipway.lint.plan.Plan;
import dev.slipway.lint.plan.PlanComparison;
import dev.slipway.lint.plan.QueryPlans;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The traced run's plan checks: explains the key queries on the scratch copy before the first pending migration
 * and after the last, and makes a {@code plan-regression} of each that got worse. A query that does not plan before
 * is reported once ({@code plan-query-skipped}) and not compared.
 */
final class PlanCheck {

    private final List<KeyQuery> queries;
    private final String file;
    private final double maxCostRatio;
    private final List<PlanExplainer.Explained> before = new ArrayList<>();

    /** @param file the key queries file as findings name it; {@code null} for queries captured from pg_stat_statements */
    PlanCheck(List<KeyQuery> queries, String file, double maxCostRatio) {
        this.queries = queries;
        this.file = file;
        this.maxCostRatio = maxCostRatio;
    }

    /** Explains every query on the schema the migrations start from. */
    void before(Connection c) throws SQLException {
        PlanExplainer explainer = new PlanExplainer(c);
        queries.forEach(q -> before.add(explainer.explain(q)));
    }

    /**
     * Explains them again and compares.
     *
     * @param last the last migration applied, which findings name
     */
    List<QueryPlans> after(Connection c, LintMigration last, TraceFindings findings) throws SQLException {
        PlanExplainer explainer = new PlanExplainer(c);
        List<QueryPlans> plans = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            KeyQuery q = queries.get(i);
            PlanExplainer.Explained was = before.get(i);
            if (was.error() != null) {
                findings.addPlan(TraceRules.PLAN_QUERY_SKIPPED, q, file, last, "key query " + name(q)
                        + " was not checked: it does not plan before the migrations: " + was.error());
                plans.add(new QueryPlans(q.name(), shown(), q.line(), null, null, was.error(), null, null, false));
            } else {
                plans.add(compare(q, was, explainer.explain(q), last, findings));
            }
        }
        return plans;
    }

    /** Where the query came from, in reports. */
    private String shown() {
        return file != null ? file : CapturedQueries.SOURCE;
    }

    private String name(KeyQuery q) {
        return file != null ? q.name() : q.name() + " (from pg_stat_statements)";
    }

    private QueryPlans compare(KeyQuery q, PlanExplainer.Explained was, PlanExplainer.Explained now, LintMigration last,
                               TraceFindings findings) {
        if (now.error() != null) {
            findings.addPlan(TraceRules.PLAN_REGRESSION, q, file, last, "key query " + name(q)
                    + " no longer plans after the migrations: " + now.error());
            return new QueryPlans(q.name(), shown(), q.line(), was.plan(), null, null, now.error(), null, true);
        }
        PlanComparison change = PlanComparison.of(Plan.of(was.plan()), Plan.of(now.plan()), maxCostRatio);
        if (change.regressed()) {
            findings.addPlan(TraceRules.PLAN_REGRESSION, q, file, last, "key query " + name(q) + " plans worse after "
                    + "the migrations: " + change.message());
        }
        return new QueryPlans(q.name(), shown(), q.line(), was.plan(), now.plan(), null, null, change.message(),
                change.regressed());
    }
}
