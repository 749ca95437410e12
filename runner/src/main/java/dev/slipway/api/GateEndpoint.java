package dev.slipway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.SlipwayException;
import dev.slipway.cli.Json;
import dev.slipway.config.EnvironmentConfig;
import dev.slipway.gate.GateEvaluator;
import dev.slipway.gate.GateRunner;
import dev.slipway.gate.GateService;
import dev.slipway.gate.Hold;
import dev.slipway.gate.VerdictStore;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The gate routes' steps: evaluate an environment's gate, read a stored verdict, set or clear a manual hold. Every
 * call needs the environment's bearer token ({@code Authorization: Bearer …}), else 401; tokens never appear in
 * answers or logs. Thread-safe.
 */
public final class GateEndpoint {

    private final GateService gates;
    private final URI publicUrl;

    public GateEndpoint(GateService gates, URI publicUrl) {
        this.gates = gates;
        this.publicUrl = publicUrl;
    }

    /** {@code POST /api/v1/gates/{env}/evaluations}, body {@code {"commit": "SHA"}} (optional). */
    public void evaluate(Exchange e) {
        Message m = e.getMessage();
        authorized(m).ifPresent(env -> guarded(m, () -> {
            GateEvaluator.Evaluation ev = gates.evaluate(env, text(body(m), "commit"));
            json(m, 200, GateRunner.view(ev.verdict(), ev.inputs(), publicUrl));
        }));
    }

    /** {@code GET /api/v1/verdicts/{id}}: the token of the verdict's environment. */
    public void verdict(Exchange e) {
        Message m = e.getMessage();
        guarded(m, () -> {
            String id = m.getHeader("id", String.class);
            Optional<VerdictStore.Stored> v = parse(id).flatMap(gates.store()::find);
            String auth = takeAuthorization(m);
            if (v.isEmpty() || !gates.tokens().allows(v.get().verdict().environment(), auth)) {
                error(m, v.isEmpty() && anyTokenAllows(auth) ? 404 : 401, v.isEmpty() && anyTokenAllows(auth)
                        ? "no verdict " + id : "a bearer token of the verdict's environment is required");
                return;
            }
            json(m, 200, GateRunner.view(v.get().verdict(), v.get().inputs(), publicUrl));
        });
    }

    /** {@code PUT /api/v1/gates/{env}/hold} with {@code {"reason": …, "by": …}}; {@code DELETE} clears it. */
    public void hold(Exchange e) {
        Message m = e.getMessage();
        authorized(m).ifPresent(env -> guarded(m, () -> {
            JsonNode body = body(m);
            String by = Optional.ofNullable(text(body, "by")).orElse("api");
            if ("DELETE".equals(m.getHeader(Exchange.HTTP_METHOD, String.class))) {
                boolean released = gates.store().clearHold(env.name(), by);
                json(m, released ? 200 : 404, Map.of("environment", env.name(), "held", false, "released", released));
                return;
            }
            String reason = text(body, "reason");
            if (reason == null || reason.isBlank()) {
                error(m, 400, "a hold needs a reason: {\"reason\": \"…\", \"by\": \"…\"}");
                return;
            }
            Hold h = gates.store().setHold(env.name(), reason, by);
            json(m, 200, Map.of("environment", h.environment(), "held", true, "reason", h.reason(), "by", h.heldBy(),
                    "since", h.heldAt().toString()));
        }));
    }

    /** The environment named in the path when it has a gate and the request carries its token; else answers. */
    private Optional<EnvironmentConfig> authorized(Message m) {
        String name = m.getHeader("env", String.class);
        String auth = takeAuthorization(m);
        Optional<EnvironmentConfig> env = gates.environment(name);
        if (env.isEmpty()) {
            error(m, 404, "no environment '" + name + "' with a gate; known: " + gates.environments());
        } else if (!gates.tokens().enabled(name)) {
            error(m, 403, "the gate API of '" + name + "' is off: set gate.tokenEnv for it in slipway.yaml");
            return Optional.empty();
        } else if (!gates.tokens().allows(name, auth)) {
            m.setHeader("WWW-Authenticate", "Bearer");
            error(m, 401, "missing or wrong bearer token for environment '" + name + "'");
            return Optional.empty();
        }
        return env;
    }

    /** Reads the Authorization header and drops it, so that it is never echoed into the answer's headers. */
    private static String takeAuthorization(Message m) {
        String auth = m.getHeader("Authorization", String.class);
        m.removeHeader("Authorization");
        return auth;
    }

    private boolean anyTokenAllows(String auth) {
        return gates.environments().stream().anyMatch(name -> gates.tokens().allows(name, auth));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static JsonNode body(Message m) {
        String text = m.getBody(String.class);
        if (text == null || text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isTextual() ? n.asText() : null;
    }

    private static void guarded(Message m, Runnable body) {
        try {
            body.run();
        } catch (IllegalArgumentException ex) {
            error(m, 400, ex.getMessage());
        } catch (SlipwayException ex) {
            error(m, 503, ex.getMessage());
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
