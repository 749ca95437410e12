package dev.slipway.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.SlipwayException;
import dev.slipway.webhook.Forge;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Slipway's one comment on a pull request through the forge's REST API: GitHub's and Gitea's issue comments,
 * GitLab's merge request notes. The comment is found by its first line, a hidden marker; it is looked for on the
 * pull request, oldest first, when this instance does not know its id yet (so a restarted serve edits the comment
 * the previous one made instead of adding a second), and again when the known one was deleted.
 *
 * <p>Thread-safe; one request at a time per pull request is the caller's business. Redirects are not followed; the
 * token appears in no message and not in {@link #toString()}.
 */
public final class ForgeCommenter implements PullRequestCommenter {

    private static final Logger LOG = LoggerFactory.getLogger(ForgeCommenter.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Comments read per page, and pages read at most (GitHub and GitLab allow 100 per page). */
    static final int PAGE = 100;
    static final int MAX_PAGES = 50;

    private final ForgeApi api;
    private final Map<CommentThread, Long> known = new ConcurrentHashMap<>();

    private ForgeCommenter(ForgeApi api) {
        this.api = api;
    }

    /**
     * A commenter calling {@code apiBase}, waiting at most {@code timeout} to connect and again for each answer.
     *
     * @throws SlipwayException when the token is blank, or the URL or timeout cannot work
     */
    public static ForgeCommenter of(Forge forge, URI apiBase, String token, Duration timeout) {
        return new ForgeCommenter(ForgeApi.of(forge, apiBase, token, timeout, "comment on pull requests"));
    }

    @Override
    public Posted upsert(CommentThread thread, String marker, String body) {
        if (!body.startsWith(marker)) {
            throw new IllegalArgumentException("a comment's body starts with its marker");
        }
        Long id = known.get(thread);
        if (id != null && edit(thread, id, body)) {
            return new Posted(id, false);
        }
        OptionalLong found = find(thread, marker);
        if (found.isPresent() && edit(thread, found.getAsLong(), body)) {
            known.put(thread, found.getAsLong());
            return new Posted(found.getAsLong(), false);
        }
        long created = create(thread, body);
        known.put(thread, created);
        LOG.debug("{} comment {} created on {}", api.forge().displayName(), created, thread);
        return new Posted(created, true);
    }

    /** The first comment on {@code thread} whose text starts with {@code marker}, oldest first. */
    private OptionalLong find(CommentThread thread, String marker) {
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode comments = json(call(thread, "read the comments",
                    api.request(threadPath(thread) + query(page)).GET().build()), thread);
            if (!comments.isArray()) {
                throw CommentReportException.refused(api.forge(), thread, "read the comments", 200,
                        "the answer is not a list of comments");
            }
            for (JsonNode c : comments) {
                boolean system = c.path("system").asBoolean(false);
                if (!system && c.path("body").asText("").strip().startsWith(marker)) {
                    return OptionalLong.of(c.path("id").asLong());
                }
            }
            if (comments.size() < PAGE || api.forge() == Forge.GITEA) {
                return OptionalLong.empty();
            }
        }
        LOG.warn("{}: no Slipway comment among the first {} comments; adding one", thread, PAGE * MAX_PAGES);
        return OptionalLong.empty();
    }

    /** Gitea lists an issue's comments in one answer; GitHub and GitLab page them. */
    private String query(int page) {
        return switch (api.forge()) {
            case GITHUB -> "?per_page=" + PAGE + "&page=" + page;
            case GITLAB -> "?per_page=" + PAGE + "&page=" + page + "&sort=asc&order_by=created_at";
            case GITEA -> "";
        };
    }

    /** Edits comment {@code id}; false when it no longer exists (deleted by someone). */
    private boolean edit(CommentThread thread, long id, String body) {
        String payload = JSON.createObjectNode().put("body", body).toString();
        HttpRequest request = api.request(commentPath(thread, id))
                .method(api.forge() == Forge.GITLAB ? "PUT" : "PATCH", HttpRequest.BodyPublishers.ofString(payload))
                .build();
        HttpResponse<String> response = api.send(request, (where, problem, cause) ->
                CommentReportException.unanswered(api.forge(), thread, "edit comment " + id, where, problem, cause));
        if (response.statusCode() == 404) {
            known.remove(thread, id);
            return false;
        }
        ok(response, thread, "edit comment " + id);
        return true;
    }

    private long create(CommentThread thread, String body) {
        String payload = JSON.createObjectNode().put("body", body).toString();
        HttpResponse<String> response = call(thread, "add a comment", api.request(threadPath(thread))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build());
        JsonNode id = json(response, thread).path("id");
        if (!id.canConvertToLong()) {
            throw CommentReportException.refused(api.forge(), thread, "add a comment", response.statusCode(),
                    "the answer carries no comment id");
        }
        return id.asLong();
    }

    private HttpResponse<String> call(CommentThread thread, String doing, HttpRequest request) {
        HttpResponse<String> response = api.send(request, (where, problem, cause) ->
                CommentReportException.unanswered(api.forge(), thread, doing, where, problem, cause));
        ok(response, thread, doing);
        return response;
    }

    private void ok(HttpResponse<String> response, CommentThread thread, String doing) {
        if (response.statusCode() / 100 != 2) {
            throw CommentReportException.refused(api.forge(), thread, doing, response.statusCode(),
                    api.message(response));
        }
    }

    private JsonNode json(HttpResponse<String> response, CommentThread thread) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw CommentReportException.refused(api.forge(), thread, "read its answer", response.statusCode(),
                    "the answer is not JSON");
        }
    }

    /** Where the pull request's comments are listed and added. */
    private String threadPath(CommentThread thread) {
        String repo = api.repoPath(thread.repo());
        return api.forge() == Forge.GITLAB ? repo + "/merge_requests/" + thread.number() + "/notes"
                : repo + "/issues/" + thread.number() + "/comments";
    }

    /** Where one comment is edited: GitLab's notes below their merge request, the others' below the repository. */
    private String commentPath(CommentThread thread, long id) {
        String repo = api.repoPath(thread.repo());
        return api.forge() == Forge.GITLAB ? repo + "/merge_requests/" + thread.number() + "/notes/" + id
                : repo + "/issues/comments/" + id;
    }

    @Override
    public String toString() {
        return "ForgeCommenter[" + api + "]";
    }
}
