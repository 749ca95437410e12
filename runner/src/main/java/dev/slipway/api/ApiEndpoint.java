package dev.slipway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.SlipwayException;
import dev.slipway.cli.Json;
import dev.slipway.plan.PreviewKey;
import dev.slipway.serve.BackfillBoard;
import dev.slipway.serve.Leadership;
import dev.slipway.serve.RunRow;
import dev.slipway.serve.RunStore;
import dev.slipway.serve.ServeMetrics;
import dev.slipway.serve.StateStore;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The API routes' steps: each method reads the path parameters Camel put in headers and answers with JSON
 * (or Prometheus text, or the status page). Errors answer with {@code {"error": …}} and a 4xx/5xx status.
 * Thread-safe.
 */
public final class ApiEndpoint {

    private final PreviewViews views;
    private final RunStore runs;
    private final StateStore state;
    private final Leadership leadership;
    private final ServeMetrics metrics;
    private final StatusPage page;
    private final BackfillBoard backfills;

    public ApiEndpoint(PreviewViews views, RunStore runs, StateStore state, Leadership leadership, ServeMetrics metrics,
                       StatusPage page) {
        this(views, runs, state, leadership, metrics, page, new BackfillBoard(metrics));
    }

    public ApiEndpoint(PreviewViews views, RunStore runs, StateStore state, Leadership leadership, ServeMetrics metrics,
                       StatusPage page, BackfillBoard backfills) {
        this.backfills = backfills;
        this.views = views;
        this.runs = runs;
        this.state = state;
        this.leadership = leadership;
        this.metrics = metrics;
        this.page = page;
    }

    /** {@code GET /api/v1/previews}. */
    public void previews(Exchange e) {
        guarded(e, () -> json(e.getMessage(), 200, Map.of("previews", views.all())));
    }

    /** {@code GET /api/v1/previews/{owner}/{name}/{pr}}. */
    public void preview(Exchange e) {
        guarded(e, () -> {
            Message m = e.getMessage();
            PreviewKey key = new PreviewKey(m.getHeader("owner", String.class) + "/" + m.getHeader("name", String.class),
                    m.getHeader("pr", String.class));
            Optional<PreviewView> view = views.one(key);
            if (view.isEmpty()) {
                error(m, 404, "no pull request " + key + " is known to Slipway; GET /api/v1/previews lists them");
                return;
            }
            ObjectNode n = Json.MAPPER.valueToTree(view.get());
            n.set("runs", Json.MAPPER.valueToTree(runs.forPullRequest(key, 10).stream().map(ApiEndpoint::runNode).toList()));
            json(m, 200, n);
        });
    }

    /** {@code GET /api/v1/backfills}: the backfills of previews' builds, running and paused (and why) first. */
    public void backfills(Exchange e) {
        guarded(e, () -> json(e.getMessage(), 200, Map.of("backfills", backfills.all())));
    }

    /** {@code GET /api/v1/runs/{id}}. */
    public void run(Exchange e) {
        guarded(e, () -> {
            Message m = e.getMessage();
            String id = m.getHeader("id", String.class);
            UUID uuid;
            try {
                uuid = UUID.fromString(id);
            } catch (IllegalArgumentException ex) {
                error(m, 400, "'" + id + "' is not a build id; build ids are UUIDs, as in the commit status link");
                return;
            }
            Optional<RunRow> run = runs.find(uuid);
            if (run.isEmpty()) {
                error(m, 404, "no preview build " + uuid);
                return;
            }
            json(m, 200, runNode(run.get()));
        });
    }

    /** {@code GET /health/live}: the process answers. */
    public void live(Exchange e) {
        json(e.getMessage(), 200, Map.of("status", "UP"));
    }

    /** {@code GET /health/ready}: the state database answers; says whether this replica leads. */
    public void ready(Exchange e) {
        Message m = e.getMessage();
        String role = leadership.isLeader() ? "leader" : "standby";
        try {
            state.recentEvents(1);
            json(m, 200, Map.of("status", "UP", "role", role, "instance", leadership.identity()));
        } catch (SlipwayException ex) {
            json(m, 503, Map.of("status", "DOWN", "role", role, "reason", ex.getMessage()));
        }
    }

    /** {@code GET /metrics}: Prometheus text. */
    public void metrics(Exchange e) {
        Message m = e.getMessage();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        m.setBody(metrics.scrape());
    }

    /** {@code GET /}: the status page. */
    public void page(Exchange e) {
        guarded(e, () -> {
            Message m = e.getMessage();
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            m.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
            m.setBody(page.render(views.all(), backfills.all(), state.recentDeliveries(20), state.recentEvents(20), leadership));
        });
    }

    private static ObjectNode runNode(RunRow r) {
        ObjectNode n = Json.MAPPER.valueToTree(r);
        n.remove("detail");
        if (r.detail() != null) {
            try {
                n.set("detail", Json.MAPPER.readTree(r.detail()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                n.put("detail", r.detail());
            }
        }
        return n;
    }

    private static void guarded(Exchange e, Runnable body) {
        try {
            body.run();
        } catch (SlipwayException ex) {
            error(e.getMessage(), 503, ex.getMessage());
        }
    }

    private static void error(Message m, int status, String message) {
        json(m, status, Map.of("error", message));
    }

    private static void json(Message m, int status, Object body) {
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setBody(Json.write(body));
    }
}
