package dev.slipway.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * What the intake made of one webhook delivery: the HTTP status to answer, whether Slipway will act on it, a
 * one-line reason for people and, when the delivery was verified and understood, the event.
 *
 * @param id     the forge's delivery id ({@code X-GitHub-Delivery}, {@code X-Gitlab-Event-UUID},
 *               {@code X-Gitea-Delivery}), or {@code local-<uuid>} when the forge sent none
 * @param event  the event header's value ({@code pull_request}, {@code Merge Request Hook}), {@code unknown} if absent
 * @param action the payload's action word, or null when the event has none or was not parsed
 * @param status the HTTP status to answer the forge with
 * @param reason   one line for logs and the response body; never contains a secret
 * @param verified true when the body's signature (or GitLab's token) checked out: only then may the delivery id be
 *                 recorded, or anyone reaching the port could burn the id of a delivery the forge will redeliver
 */
public record Delivery(Forge forge, String id, String event, String action, int status, Result result,
                       String reason, Optional<RepoEvent> repoEvent, boolean verified) {

    /** Whether Slipway acts on the delivery. */
    public enum Result {
        /** Verified and understood; {@link #repoEvent()} holds the event to act on. */
        ACCEPTED,
        /** Verified, but not an event (or action) Slipway acts on. */
        IGNORED,
        /** Not verified or not understood; the forge should show the delivery as failed. */
        REJECTED
    }

    public Delivery {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
        repoEvent = repoEvent == null ? Optional.empty() : repoEvent;
    }

    /**
     * This delivery as a serve watching {@code watched} answers it: an accepted event of another repository becomes
     * ignored (202), with a reason naming both repositories; anything else is returned as it is. Names compare
     * without regard to case, as GitHub and GitLab compare them.
     */
    public Delivery scopedTo(String watched) {
        String of = repoEvent.map(RepoEvent::repo).orElse(null);
        if (!accepted() || of == null || of.equalsIgnoreCase(watched)) {
            return this;
        }
        return new Delivery(forge, id, event, action, 202, Result.IGNORED, OneLine.of(event)
                + (action == null ? "" : " " + OneLine.of(action)) + " is for " + OneLine.of(of)
                + ", not the watched repository " + watched + "; point this webhook at the serve that watches "
                + OneLine.of(of) + ", or remove it", repoEvent, verified);
    }

    /** True when Slipway should act on {@link #repoEvent()}. */
    public boolean accepted() {
        return result == Result.ACCEPTED;
    }
}
