package dev.slipway.webhook;

/** Turns one forge's verified payloads into events. Stateless. */
interface EventReader {

    /** True when Slipway acts on some deliveries of {@code event}; only those bodies are parsed. */
    boolean knows(String event);

    /** Reads a known event; throws {@link PayloadException} naming a missing field. */
    Reading read(String event, Payload payload);

    /** The reader for {@code forge}. */
    static EventReader of(Forge forge) {
        return switch (forge) {
            case GITHUB -> new GitHubEvents();
            case GITLAB -> new GitLabEvents();
            case GITEA -> new GiteaEvents();
        };
    }

    /** True for a commit id of only zeros: the "no commit" of a created or deleted ref. */
    static boolean noCommit(String sha) {
        return sha != null && !sha.isEmpty() && sha.chars().allMatch(c -> c == '0');
    }
}
