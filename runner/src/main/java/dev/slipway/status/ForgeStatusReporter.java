package dev.slipway.status;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.webhook.Forge;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
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

    private final Forge forge;
    private final URI apiBase;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    private ForgeStatusReporter(Forge forge, URI apiBase, String token, Duration timeout) {
        this.forge = forge;
        this.apiBase = apiBase;
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A reporter calling {@code apiBase}, waiting at most {@code timeout} to connect and again for the answer.
     *
     * @throws SlipwayException with {@link ErrorCode#SECRET_MISSING} when the token is blank, or
     *                          {@link ErrorCode#CONFIG_INVALID} when the URL or timeout cannot work
     */
    public static ForgeStatusReporter of(Forge forge, URI apiBase, String token, Duration timeout) {
        Objects.requireNonNull(forge, "forge");
        if (token == null || token.isBlank() || token.chars().anyMatch(Character::isISOControl)) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "no usable " + forge.displayName()
                    + " API token for commit statuses (it is blank or has control characters); configure a token "
                    + "that may write commit statuses");
        }
        if (apiBase == null || !apiBase.isAbsolute() || apiBase.getHost() == null
                || !apiBase.getScheme().matches("https?")) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, forge.displayName() + " API base URL '"
                    + (apiBase == null || apiBase.getHost() == null ? apiBase : where(apiBase)) + "' is not an http(s) URL; use e.g. "
                    + "https://api.github.com, https://gitlab.example.com/api/v4, https://gitea.example.com/api/v1");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "the " + forge.displayName()
                    + " commit status timeout must be positive, not " + timeout);
        }
        return new ForgeStatusReporter(forge, apiBase, token.strip(), timeout);
    }

    /** @throws StatusReportException when the forge answers other than 2xx or cannot be reached in time */
    @Override
    public void report(CommitStatus status) {
        HttpResponse<String> response = send(StatusRequests.build(forge, apiBase, token, timeout, status), status);
        if (response.statusCode() / 100 != 2) {
            throw StatusReportException.refused(forge, status, response.statusCode(),
                    ForgeMessage.of(response.body(), token));
        }
        LOG.debug("{} commit status {}={} set on {}@{}", forge.displayName(), status.context(), status.state(),
                status.repo(), status.sha());
    }

    private HttpResponse<String> send(HttpRequest request, CommitStatus status) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unanswered(status, "no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw unanswered(status, problem(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unanswered(status, "interrupted while waiting for the answer", e);
        }
    }

    private StatusReportException unanswered(CommitStatus status, String problem, Throwable cause) {
        return StatusReportException.unanswered(forge, status, where(apiBase), problem.replace(token, "***"), cause);
    }

    /** What went wrong in words, then the exception types (the JDK client's often carry no message). */
    private static String problem(IOException e) {
        StringBuilder types = new StringBuilder();
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            types.append(types.length() == 0 ? "" : ", ").append(t.getClass().getSimpleName());
            message = message == null ? t.getMessage() : message;
        }
        String what = e instanceof ConnectException ? "could not connect" : "the connection failed";
        return what + (message == null ? "" : ": " + message) + " (" + types + ")";
    }

    /** Scheme, host and port: no user info, path or query, which may hold credentials. */
    private static String where(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
        return "ForgeStatusReporter[" + forge.id() + " " + where(apiBase) + ", token=***, timeout=" + timeout + "]";
    }
}
