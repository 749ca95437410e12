package dev.slipway.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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

    /** The forge whose {@link #id()} is {@code id}, if any. */
    public static Optional<Forge> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
    }

    /** The header that carries the delivery id, e.g. {@code X-GitHub-Delivery}. */
    public String deliveryHeader() {
        return ForgeHeaders.delivery(this);
    }

    /** The header that names the event, e.g. {@code X-GitHub-Event}. */
    public String eventHeader() {
        return ForgeHeaders.event(this);
    }

    /** The name people know, for messages: {@code GitHub}, {@code GitLab}, {@code Gitea}. */
    public String displayName() {
        return displayName;
    }
}
