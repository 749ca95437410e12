package dev.slipway.status;

/** The verdict on a commit, in the words GitHub uses; GitLab has no {@code error} and gets {@code failed}. */
public enum CommitState {
    PENDING,
    SUCCESS,
    FAILURE,
    ERROR
}
