package dev.slipway.status;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.webhook.Forge;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets commit statuses through a forge's REST API: GitHub ({@code https://api.github.com}), GitLab
 * ({@code https://gitlab.example.com/api/v4}) or Gitea ({@code https://gitea.example.com/api/v1}).
 *
 * <p>One POST per {@link #report}, no retries, redirects not followed (they would carry the token elsewhere).
 * Thread-safe. The token appears in no message and not in {@link #toString()}.
 */
public final class ForgeStatusReporter implements CommitStatusReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ForgeStatusReporter.class);

    private final ForgeApi api;

    private ForgeStatusReporter(ForgeApi api) {
        this.api = api;
    }

    /**
     * A reporter calling {@code apiBase}, waiting at most {@code timeout} to connect and again for the answer.
     *
     * @throws SlipwayException with {@link ErrorCode#SECRET_MISSING} when the token is blank, or
     *                          {@link ErrorCode#CONFIG_INVALID} when the URL or timeout cannot work
     */
    public static ForgeStatusReporter of(Forge forge, URI apiBase, String token, Duration timeout) {
        return new ForgeStatusReporter(ForgeApi.of(forge, apiBase, token, timeout, "write commit statuses"));
    }

    /** @throws StatusReportException when the forge answers other than 2xx or cannot be reached in time */
    @Override
    public void report(CommitStatus status) {
        Forge forge = api.forge();
        HttpResponse<String> response = api.send(StatusRequests.build(api, status), (where, problem, cause) ->
                StatusReportException.unanswered(forge, status, where, problem, cause));
        if (response.statusCode() / 100 != 2) {
            throw StatusReportException.refused(forge, status, response.statusCode(), api.message(response));
        }
        LOG.debug("{} commit status {}={} set on {}@{}", forge.displayName(), status.context(), status.state(),
                status.repo(), status.sha());
    }

    @Override
    public String toString() {
        return "ForgeStatusReporter[" + api + "]";
    }
}
