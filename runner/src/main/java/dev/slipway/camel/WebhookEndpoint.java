package dev.slipway.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.SlipwayException;
import dev.slipway.cli.Json;
import dev.slipway.plan.PreviewKey;
import dev.slipway.serve.PullRequestUpdate;
import dev.slipway.serve.ServeMetrics;
import dev.slipway.serve.StateStore;
import dev.slipway.webhook.Delivery;
import dev.slipway.webhook.Forge;
import dev.slipway.webhook.PullRequestEvent;
import dev.slipway.webhook.PushEvent;
import dev.slipway.webhook.WebhookIntake;
import dev.slipway.webhook.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook routes' step: verifies and parses a delivery, records it, stores what it says about a pull
 * request, and answers at once; it sets the exchange property {@value #RECONCILE} when the route should ask for
 * a reconciliation (which runs after the answer). Deliveries for another repository are recorded and ignored.
 * Thread-safe.
 */
public final class WebhookEndpoint {

    public static final String RECONCILE = "slipwayReconcile";
    public static final String POLL = "slipwayPoll";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);

    private final WebhookIntake intake;
    private final StateStore state;
    private final ServeMetrics metrics;
    private final String repo;
    private final Clock clock;

    public WebhookEndpoint(WebhookIntake intake, StateStore state, ServeMetrics metrics, String repo, Clock clock) {
        this.intake = intake;
        this.state = state;
        this.metrics = metrics;
        this.repo = repo;
        this.clock = clock;
    }

    public void github(Exchange exchange) {
        receive(Forge.GITHUB, exchange);
    }

    public void gitlab(Exchange exchange) {
        receive(Forge.GITLAB, exchange);
    }

    public void gitea(Exchange exchange) {
        receive(Forge.GITEA, exchange);
    }

    private void receive(Forge forge, Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        Instant now = clock.instant();
        Delivery d = intake.receive(new WebhookRequest(forge, headers(in), body == null ? new byte[0] : body));
        String result = d.result().name().toLowerCase(java.util.Locale.ROOT);
        Next next = Next.NOTHING;
        try {
            if (d.status() != 413) {
                boolean first = state.record(d, now);
                result = first ? result : "duplicate";
                next = first && d.accepted() ? apply(d, now) : Next.NOTHING;
            }
        } catch (SlipwayException e) {
            LOG.error("webhook delivery {} from {} could not be recorded: {}", d.id(), forge.id(), e.getMessage());
            answer(in, 503, d.id(), "unavailable", "Slipway's state database is unavailable; the forge will show this "
                    + "delivery as failed and it can be redelivered");
            metrics.delivery(forge.id(), "unavailable");
            return;
        }
        metrics.delivery(forge.id(), result);
        LOG.info("webhook {} {} {} from {}: {} {}", d.id(), d.event(), d.action() == null ? "" : d.action(), forge.id(),
                d.status(), result);
        answer(in, d.status(), d.id(), result, d.reason());
        exchange.setProperty(RECONCILE, next == Next.RECONCILE);
        exchange.setProperty(POLL, next == Next.POLL);
    }

    private enum Next { NOTHING, RECONCILE, POLL }

    /** Stores what an accepted event says, and says what should follow. */
    private Next apply(Delivery d, Instant now) {
        return d.repoEvent().map(e -> {
            if (!repo.equals(e.repo())) {
                return Next.NOTHING;
            }
            if (e instanceof PullRequestEvent pr) {
                state.apply(new PullRequestUpdate(new PreviewKey(pr.repo(), String.valueOf(pr.number())), pr.headSha(),
                        pr.headRef(), pr.state(), pr.updatedAt() == null ? now : pr.updatedAt(), d.forge().id()));
                return Next.RECONCILE;
            }
            return e instanceof PushEvent ? Next.POLL : Next.NOTHING;
        }).orElse(Next.NOTHING);
    }

    private static Map<String, String> headers(Message in) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        in.getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) {
                out.put(k, v.toString());
            }
        });
        return out;
    }

    private static void answer(Message in, int status, String id, String result, String reason) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("delivery", id);
        n.put("result", result);
        n.put("reason", reason);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(n.toString());
    }
}
