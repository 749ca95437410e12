package dev.slipway.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.webhook.Forge;
import java.net.http.HttpRequest;
import java.util.Locale;

/** Builds each forge's "create commit status" request: path and JSON body (ForgeApi authenticates it). */
final class StatusRequests {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StatusRequests() {
    }

    static HttpRequest build(ForgeApi api, CommitStatus status) {
        return api.request(api.repoPath(status.repo()) + "/statuses/" + status.sha())
                .POST(HttpRequest.BodyPublishers.ofString(body(api.forge(), status).toString())).build();
    }

    static ObjectNode body(Forge forge, CommitStatus status) {
        ObjectNode body = JSON.createObjectNode().put("state", state(forge, status.state()));
        body.put(forge == Forge.GITLAB ? "name" : "context", status.context());
        if (status.description() != null) {
            body.put("description", status.description());
        }
        if (status.targetUrl() != null) {
            body.put("target_url", status.targetUrl());
        }
        return body;
    }

    private static String state(Forge forge, CommitState state) {
        if (forge == Forge.GITLAB) {
            return switch (state) {
                case PENDING -> "pending";
                case SUCCESS -> "success";
                case FAILURE, ERROR -> "failed";
            };
        }
        return state.name().toLowerCase(Locale.ROOT);
    }
}
