package dev.slipway.webhook;

import java.util.List;
import java.util.Set;

/** GitLab's {@code Merge Request Hook} and {@code Push Hook} payloads. */
final class GitLabEvents implements EventReader {

    static final String MERGE_REQUEST = "Merge Request Hook";
    static final String PUSH = "Push Hook";

    private static final Set<String> MERGE_REQUEST_ACTIONS = Set.of("open", "update", "reopen", "close", "merge");

    @Override
    public boolean knows(String event) {
        return MERGE_REQUEST.equals(event) || PUSH.equals(event);
    }

    @Override
    public Reading read(String event, Payload payload) {
        return MERGE_REQUEST.equals(event) ? mergeRequest(payload) : push(payload);
    }

    private static Reading mergeRequest(Payload payload) {
        String action = payload.text("object_attributes.action");
        PullRequestEvent event = new PullRequestEvent(payload.text("project.path_with_namespace"),
                payload.pullRequestNumber("object_attributes.iid"), action,
                payload.commitId("object_attributes.last_commit.id"),
                payload.text("object_attributes.source_branch"), payload.text("object_attributes.target_branch"),
                state(payload.text("object_attributes.state")), labels(payload),
                payload.time("object_attributes.updated_at"));
        return Reading.of(action, event, MERGE_REQUEST_ACTIONS.contains(action));
    }

    /** {@code locked} is the short state while GitLab merges; the request is still open. */
    private static PullRequestState state(String state) {
        return switch (state) {
            case "opened", "locked" -> PullRequestState.OPEN;
            case "closed" -> PullRequestState.CLOSED;
            case "merged" -> PullRequestState.MERGED;
            default -> throw new PayloadException("object_attributes.state '" + OneLine.of(state) + "' in the "
                    + MERGE_REQUEST + " payload is not one of opened, closed, merged, locked");
        };
    }

    private static List<String> labels(Payload payload) {
        return payload.hasArray("labels") ? payload.names("labels", "title")
                : payload.names("object_attributes.labels", "title");
    }

    private static Reading push(Payload payload) {
        String after = payload.text("after");
        PushEvent event = new PushEvent(payload.text("project.path_with_namespace"), payload.text("ref"),
                payload.text("before"), after, EventReader.noCommit(after));
        return Reading.of(null, event, true);
    }
}
