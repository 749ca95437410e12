/**
 * Commit statuses: tells the forge (GitHub, GitLab, Gitea) what Slipway thinks of a commit, so the verdict shows
 * next to the pull request. {@link dev.slipway.status.ForgeStatusReporter} makes one HTTP call per status and
 * never retries; the caller decides, helped by {@link dev.slipway.status.StatusReportException#retryable()}.
 */
package dev.slipway.status;
