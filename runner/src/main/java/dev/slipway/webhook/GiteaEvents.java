package dev.slipway.webhook;

import java.util.Set;

/**
 * Gitea's {@code pull_request} and {@code push} payloads. Gitea sends {@code X-Gitea-Event: pull_request} for label
 * and synchronise changes too, with actions {@code label_updated}, {@code label_cleared}, {@code synchronized}.
 */
final class GiteaEvents implements EventReader {

    private static final Set<String> PULL_REQUEST_ACTIONS = Set.of("opened", "synchronized", "reopened", "closed",
            "edited", "label_updated", "label_cleared");

    @Override
    public boolean knows(String event) {
        return "pull_request".equals(event) || "push".equals(event);
    }

    @Override
    public Reading read(String event, Payload payload) {
        if ("pull_request".equals(event)) {
            return GitHubEvents.pullRequest(payload, PULL_REQUEST_ACTIONS);
        }
        String after = payload.text("after");
        PushEvent push = new PushEvent(payload.text("repository.full_name"), payload.text("ref"),
                payload.text("before"), after, EventReader.noCommit(after));
        return Reading.of(null, push, true);
    }
}
