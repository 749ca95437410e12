package dev.slipway.webhook;

/** The headers each forge sends with a delivery. */
final class ForgeHeaders {

    private ForgeHeaders() {
    }

    static String delivery(Forge forge) {
        return switch (forge) {
            case GITHUB -> "X-GitHub-Delivery";
            case GITLAB -> "X-Gitlab-Event-UUID";
            case GITEA -> "X-Gitea-Delivery";
        };
    }

    static String event(Forge forge) {
        return switch (forge) {
            case GITHUB -> "X-GitHub-Event";
            case GITLAB -> "X-Gitlab-Event";
            case GITEA -> "X-Gitea-Event";
        };
    }

    static String signature(Forge forge) {
        return switch (forge) {
            case GITHUB -> "X-Hub-Signature-256";
            case GITLAB -> "X-Gitlab-Token";
            case GITEA -> "X-Gitea-Signature";
        };
    }
}
