package dev.slipway.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.webhook.Forge;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Builds each forge's "create commit status" request: path, authentication header and JSON body. */
final class StatusRequests {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StatusRequests() {
    }

    static HttpRequest build(Forge forge, URI apiBase, String token, Duration timeout, CommitStatus status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(apiBase) + path(forge, status)))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "slipway")
                .POST(HttpRequest.BodyPublishers.ofString(body(forge, status).toString()));
        return authenticated(forge, token, request).build();
    }

    private static HttpRequest.Builder authenticated(Forge forge, String token, HttpRequest.Builder request) {
        return switch (forge) {
            case GITHUB -> request.header("Authorization", "Bearer " + token)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28");
            case GITLAB -> request.header("PRIVATE-TOKEN", token).header("Accept", "application/json");
            case GITEA -> request.header("Authorization", "token " + token).header("Accept", "application/json");
        };
    }

    private static String base(URI apiBase) {
        String base = apiBase.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String path(Forge forge, CommitStatus status) {
        String sha = "/statuses/" + status.sha();
        if (forge == Forge.GITLAB) {
            return "/projects/" + segment(status.repo()) + sha;
        }
        String[] parts = status.repo().split("/");
        if (parts.length != 2) {
            throw new SlipwayException(ErrorCode.USAGE, forge.displayName() + " repository '" + status.repo()
                    + "' is not owner/name");
        }
        return "/repos/" + segment(parts[0]) + "/" + segment(parts[1]) + sha;
    }

    /** Percent-encodes one path segment; a GitLab project path's slashes become {@code %2F}. */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
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
