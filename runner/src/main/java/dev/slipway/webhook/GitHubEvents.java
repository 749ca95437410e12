package dev.slipway.webhook;

import java.util.Set;

/** GitHub's {@code pull_request}, {@code push} and {@code ping} payloads. Gitea's pull requests read the same. */
final class GitHubEvents implements EventReader {

    private static final Set<String> PULL_REQUEST_ACTIONS = Set.of("opened", "synchronize", "reopened", "closed",
            "labeled", "unlabeled", "edited", "ready_for_review");

    private static final Set<String> EVENTS = Set.of("pull_request", "push", "ping");

    @Override
    public boolean knows(String event) {
        return EVENTS.contains(event);
    }

    @Override
    public Reading read(String event, Payload payload) {
        return switch (event) {
            case "pull_request" -> pullRequest(payload, PULL_REQUEST_ACTIONS);
            case "push" -> push(payload);
            default -> new Reading(null, new PingEvent(payload.optionalText("repository.full_name")), true, 200);
        };
    }

    /** A GitHub-shaped pull request payload, acted on when its action is one of {@code actOn}. */
    static Reading pullRequest(Payload payload, Set<String> actOn) {
        String action = payload.text("action");
        PullRequestEvent event = new PullRequestEvent(payload.text("repository.full_name"),
                payload.pullRequestNumber("number"), action, payload.commitId("pull_request.head.sha"),
                payload.text("pull_request.head.ref"), payload.text("pull_request.base.ref"), state(payload, action),
                payload.names("pull_request.labels", "name"), payload.time("pull_request.updated_at"));
        return Reading.of(action, event, actOn.contains(action));
    }

    private static PullRequestState state(Payload payload, String action) {
        if (payload.flag("pull_request.merged", false)) {
            return PullRequestState.MERGED;
        }
        boolean closed = "closed".equals(action) || "closed".equals(payload.optionalText("pull_request.state"));
        return closed ? PullRequestState.CLOSED : PullRequestState.OPEN;
    }

    private static Reading push(Payload payload) {
        String after = payload.text("after");
        PushEvent event = new PushEvent(payload.text("repository.full_name"), payload.text("ref"),
                payload.text("before"), after, payload.flag("deleted", EventReader.noCommit(after)));
        return Reading.of(null, event, true);
    }
}
