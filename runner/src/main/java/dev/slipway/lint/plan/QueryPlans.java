package dev.slipway.lint.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A key query's plans on the traced run's scratch copy, before the pending migrations and after them, for
 * reports (lint --json, the pull request's comment).
 *
 * @param query       the query's name
 * @param file        the key queries file
 * @param line        the line of its {@code -- name:} line
 * @param before      the plan's {@code Plan} node of {@code EXPLAIN (FORMAT JSON)} before, or {@code null}
 * @param after       the same after the migrations, or {@code null}
 * @param beforeError why it did not plan before (then it is skipped), else {@code null}
 * @param afterError  why it did not plan after, else {@code null}
 * @param change      the comparison when it planned both times ({@code cost 8.3 → 8.3 (1.0×)} when nothing changed)
 * @param regressed   whether the change is a {@code plan-regression}
 */
public record QueryPlans(String query, String file, int line, JsonNode before, JsonNode after, String beforeError,
                         String afterError, String change, boolean regressed) {
}
