package dev.slipway.webhook;

import java.util.Optional;

/** The parts of a {@link Delivery} known from its headers alone; makes the delivery once the outcome is known. */
record Envelope(Forge forge, String id, String event) {

    /** Refused before its signature was checked (too large, or the signature is wrong). */
    Delivery unverified(int status, String reason) {
        return new Delivery(forge, id, event, null, status, Delivery.Result.REJECTED, reason, Optional.empty(), false);
    }

    /** Signed right, but not understood. */
    Delivery rejected(int status, String reason) {
        return new Delivery(forge, id, event, null, status, Delivery.Result.REJECTED, reason, Optional.empty(), true);
    }

    Delivery ignored(String reason) {
        return new Delivery(forge, id, event, null, 202, Delivery.Result.IGNORED, reason, Optional.empty(), true);
    }

    Delivery of(Reading reading) {
        String event = OneLine.of(this.event);
        if (!reading.actOn()) {
            return new Delivery(forge, id, this.event, reading.action(), 202, Delivery.Result.IGNORED, event
                    + " action " + OneLine.of(reading.action()) + " is not one Slipway acts on",
                    Optional.of(reading.event()), true);
        }
        String action = reading.action() == null ? "" : " " + OneLine.of(reading.action());
        return new Delivery(forge, id, this.event, reading.action(), reading.status(), Delivery.Result.ACCEPTED,
                event + action + " " + subject(reading.event()), Optional.of(reading.event()), true);
    }

    private static String subject(RepoEvent event) {
        if (event instanceof PullRequestEvent pr) {
            return "for " + OneLine.of(pr.repo()) + " #" + pr.number() + " at " + OneLine.of(pr.headSha());
        }
        if (event instanceof PushEvent push) {
            return "of " + OneLine.of(push.ref()) + " in " + OneLine.of(push.repo()) + (push.deleted() ? " (deleted)"
                    : " to " + OneLine.of(push.after()));
        }
        return event.repo() == null ? "received; the webhook works" : "for " + OneLine.of(event.repo())
                + " received; the webhook works";
    }
}
