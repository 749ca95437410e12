package dev.slipway.plan;

/**
 * One step of a {@link Plan}. Providers carry out {@link Create}, {@link Rebuild} and {@link Drop};
 * the others change nothing and are there to be reported.
 */
public sealed interface Action {

    /** The pull request (or former pull request) the action is about. */
    PreviewKey key();

    /** Why a preview is rebuilt from a fresh clone of the golden. */
    enum RebuildReason { NEW_HEAD, INTERRUPTED }

    /** Why a preview is dropped. */
    enum DropReason { CLOSED, EXPIRED }

    /** Clone the golden into {@code name} and build the pull request's head there. */
    record Create(DesiredPreview pr, String name) implements Action {
        @Override
        public PreviewKey key() {
            return pr.key();
        }
    }

    /** Drop {@code old} and build {@code pr}'s head in a fresh clone of the same name: never migrate a used clone twice. */
    record Rebuild(DesiredPreview pr, ActualPreview old, RebuildReason reason) implements Action {
        @Override
        public PreviewKey key() {
            return pr.key();
        }
    }

    /** Drop a preview whose pull request is no longer open, or that idled past the TTL. */
    record Drop(ActualPreview preview, DropReason reason) implements Action {
        @Override
        public PreviewKey key() {
            return preview.key();
        }
    }

    /** The cap on previews is reached: {@code pr} waits at {@code position} (1-based) of {@code queued}. */
    record Wait(DesiredPreview pr, int position, int queued) implements Action {
        @Override
        public PreviewKey key() {
            return pr.key();
        }
    }

    /** No preview is built: the head idled past the TTL. A new push makes the pull request wanted again. */
    record Expired(DesiredPreview pr) implements Action {
        @Override
        public PreviewKey key() {
            return pr.key();
        }
    }

    /** The preview's name is taken by something without Slipway's mark: it is left alone and reported. */
    record Blocked(DesiredPreview pr, String name) implements Action {
        @Override
        public PreviewKey key() {
            return pr.key();
        }
    }
}
