package dev.slipway.webhook;

import java.util.Locale;

/** The code forges Slipway takes webhooks from and reports commit statuses to. */
public enum Forge {
    GITHUB("GitHub"),
    GITLAB("GitLab"),
    GITEA("Gitea");

    private final String displayName;

    Forge(String displayName) {
        this.displayName = displayName;
    }

    /** The lowercase name used in configuration, URLs and logs: {@code github}, {@code gitlab}, {@code gitea}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name people know, for messages: {@code GitHub}, {@code GitLab}, {@code Gitea}. */
    public String displayName() {
        return displayName;
    }
}
