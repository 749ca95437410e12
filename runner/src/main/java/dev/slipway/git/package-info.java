/**
 * The watched Git repository, seen through a local bare mirror: {@link dev.slipway.git.GitMirror} fetches the
 * base branch and the pull request refs of one {@link dev.slipway.git.RefLayout}, tells open pull requests from
 * merged ones, and extracts a commit's migration folder for a run. URLs are printed redacted; tokens never.
 */
package dev.slipway.git;
