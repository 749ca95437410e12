package dev.slipway.webhook;

/**
 * What a reader found in a known event.
 *
 * @param action the payload's action word, or null
 * @param event  the event, also when Slipway does not act on it
 * @param actOn  true when Slipway acts on this action
 * @param status the HTTP status to answer when accepted
 */
record Reading(String action, RepoEvent event, boolean actOn, int status) {

    static Reading of(String action, RepoEvent event, boolean actOn) {
        return new Reading(action, event, actOn, 202);
    }
}
