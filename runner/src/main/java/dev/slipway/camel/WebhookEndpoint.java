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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook routes' step: verifies and parses a delivery, records it, stores what it says about a pull
 * request, and answers at once; it sets the exchange property {@value #RECONCILE} when the route should ask for
 * a reconciliation (which runs after the answer). Only verified deliveries are recorded (so a forged one cannot
 * burn the id of the real one); deliveries for another repository are recorded and answered {@code ignored}.
 * Every outcome, also the HTTP server's own refusals ({@link #refusal}), is counted and logged the same way.
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
        Delivery d = intake.receive(new WebhookRequest(forge, headers(in), body == null ? new byte[0] : body))
                .scopedTo(repo);
        String result = d.result().name().toLowerCase(Locale.ROOT);
        Next next = Next.NOTHING;
        try {
            if (d.verified()) {
                boolean first = state.record(d, now);
                result = first ? result : "duplicate";
                next = first && d.accepted() ? apply(d, now) : Next.NOTHING;
            }
        } catch (SlipwayException e) {
            LOG.error("webhook delivery {} from {} could not be recorded: {}", d.id(), forge.id(), e.getMessage());
            answer(in, 503, refusal(forge, d.id(), d.event(), 503, "unavailable", "Slipway's state database is "
                    + "unavailable; the forge will show this delivery as failed and it can be redelivered"));
            return;
        }
        answer(in, d.status(), outcome(forge, d.id(), d.event() + (d.action() == null ? "" : " " + d.action()),
                d.status(), result, d.reason()));
        exchange.setProperty(RECONCILE, next == Next.RECONCILE);
        exchange.setProperty(POLL, next == Next.POLL);
    }

    /**
     * Counts, logs and words a delivery refused before it reached the intake (by the HTTP server: a body over the
     * limit, headers too large), exactly as the intake's own refusals are.
     *
     * @param forge      the forge the URL names, or null when the path names none
     * @param deliveryId the delivery id header, or null when it was not read
     * @return the JSON body to answer with
     */
    public String refusal(Forge forge, String deliveryId, String event, int status, String result, String reason) {
        String id = deliveryId == null || deliveryId.isBlank() ? "local-" + UUID.randomUUID() : deliveryId;
        return outcome(forge, id, event == null ? "unknown" : event, status, result, reason);
    }

    /** Counts and logs one delivery's outcome; returns the JSON body that answers it. */
    private String outcome(Forge forge, String id, String what, int status, String result, String reason) {
        String forgeId = forge == null ? "unknown" : forge.id();
        metrics.delivery(forgeId, result);
        if (status >= 400) {
            LOG.warn("webhook {} {} from {}: {} {}: {}", id, what, forgeId, status, result, reason);
        } else {
            LOG.info("webhook {} {} from {}: {} {}: {}", id, what, forgeId, status, result, reason);
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("delivery", id);
        n.put("result", result);
        n.put("reason", reason);
        return n.toString();
    }

    private enum Next { NOTHING, RECONCILE, POLL }

    /** Stores what an accepted event (of the watched repository: see {@link Delivery#scopedTo}) says. */
    private Next apply(Delivery d, Instant now) {
        return d.repoEvent().map(e -> {
            if (e instanceof PullRequestEvent pr) {
                state.apply(new PullRequestUpdate(new PreviewKey(repo, String.valueOf(pr.number())), pr.headSha(),
                        pr.headRef(), pr.state(), PullRequestUpdate.eventTime(pr.updatedAt(), now), d.forge().id()));
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

    private static void answer(Message in, int status, String json) {
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(json);
    }

}
