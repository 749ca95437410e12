package dev.slipway.status;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One status to set on a commit.
 *
 * @param repo        {@code owner/name}; for GitLab the project's {@code path_with_namespace}
 * @param sha         the full commit id, 40 or 64 hex digits
 * @param description one line for people, cut to {@value #MAX_DESCRIPTION} characters (ending in "…") because
 *                    GitHub refuses longer ones; may be null
 * @param targetUrl   where the details are, e.g. the preview's report; may be null
 * @param context     which check this is, e.g. {@code slipway/preview}; a newer status with the same context
 *                    replaces the older one
 */
public record CommitStatus(String repo, String sha, CommitState state, String description, String targetUrl,
                           String context) {

    /** The longest description GitHub accepts, in characters. */
    public static final int MAX_DESCRIPTION = 140;

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

    /** @throws SlipwayException with {@link ErrorCode#USAGE} when repo, sha or context cannot be sent */
    public CommitStatus {
        Objects.requireNonNull(state, "state");
        repo = checkedRepo(repo);
        if (sha == null || !SHA.matcher(sha).matches()) {
            throw new SlipwayException(ErrorCode.USAGE, "commit status for " + repo + ": '" + sha
                    + "' is not a full commit id; pass the 40 (or 64) hex digit sha the forge sent");
        }
        if (context == null || context.isBlank()) {
            throw new SlipwayException(ErrorCode.USAGE, "commit status for " + repo + "@" + sha
                    + " has no context; name the check, e.g. slipway/preview");
        }
        description = truncated(description);
    }

    private static String checkedRepo(String repo) {
        boolean valid = repo != null && repo.indexOf('/') > 0 && !repo.endsWith("/")
                && !repo.contains("//") && !repo.matches("(.*/)?\\.{1,2}(/.*)?");
        if (!valid) {
            throw new SlipwayException(ErrorCode.USAGE, "commit status: repository '" + repo
                    + "' is not owner/name (or a GitLab group/subgroup/project path)");
        }
        return repo;
    }

    /** {@code text} when it has at most {@value #MAX_DESCRIPTION} characters, else its start and "…". */
    static String truncated(String text) {
        if (text == null || text.codePointCount(0, text.length()) <= MAX_DESCRIPTION) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_DESCRIPTION - 1)) + "…";
    }
}
