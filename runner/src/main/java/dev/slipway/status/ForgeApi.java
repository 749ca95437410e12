package dev.slipway.status;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.webhook.Forge;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * One forge's REST API as Slipway calls it: the base URL, the token and how the forge wants it sent, a timeout, an
 * HTTP client that follows no redirect (it would carry the token elsewhere). Commit statuses and pull request
 * comments both go through it. Thread-safe. The token appears in no message and not in {@link #toString()}.
 */
final class ForgeApi {

    /** Why a request got no answer, in words; the token already removed. */
    @FunctionalInterface
    interface Unanswered {
        SlipwayException because(String where, String problem, Throwable cause);
    }

    private final Forge forge;
    private final URI apiBase;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    private ForgeApi(Forge forge, URI apiBase, String token, Duration timeout) {
        this.forge = forge;
        this.apiBase = apiBase;
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param purpose what the token is for, in the error's advice ({@code write commit statuses})
     * @throws SlipwayException with {@link ErrorCode#SECRET_MISSING} when the token is blank, or
     *                          {@link ErrorCode#CONFIG_INVALID} when the URL or timeout cannot work
     */
    static ForgeApi of(Forge forge, URI apiBase, String token, Duration timeout, String purpose) {
        Objects.requireNonNull(forge, "forge");
        if (token == null || token.isBlank() || token.chars().anyMatch(Character::isISOControl)) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "no usable " + forge.displayName()
                    + " API token to " + purpose + " (it is blank or has control characters); configure a token "
                    + "that may " + purpose);
        }
        if (apiBase == null || !apiBase.isAbsolute() || apiBase.getHost() == null
                || !apiBase.getScheme().matches("https?")) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, forge.displayName() + " API base URL '"
                    + (apiBase == null || apiBase.getHost() == null ? apiBase : where(apiBase)) + "' is not an http(s) URL; use e.g. "
                    + "https://api.github.com, https://gitlab.example.com/api/v4, https://gitea.example.com/api/v1");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "the " + forge.displayName()
                    + " API timeout must be positive, not " + timeout);
        }
        return new ForgeApi(forge, apiBase, token.strip(), timeout);
    }

    Forge forge() {
        return forge;
    }

    Duration timeout() {
        return timeout;
    }

    /** A request to {@code path} (below the API base, already encoded), authenticated the forge's way. */
    HttpRequest.Builder request(String path) {
        String base = apiBase.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((base.endsWith("/")
                        ? base.substring(0, base.length() - 1) : base) + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "slipway");
        return switch (forge) {
            case GITHUB -> request.header("Authorization", "Bearer " + token)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28");
            case GITLAB -> request.header("PRIVATE-TOKEN", token).header("Accept", "application/json");
            case GITEA -> request.header("Authorization", "token " + token).header("Accept", "application/json");
        };
    }

    /** Sends {@code request}; no answer in time, or none at all, becomes {@code unanswered}'s exception. */
    HttpResponse<String> send(HttpRequest request, Unanswered unanswered) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unanswered.because(where(apiBase), "no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw unanswered.because(where(apiBase), problem(e).replace(token, "***"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unanswered.because(where(apiBase), "interrupted while waiting for the answer", e);
        }
    }

    /** The forge's explanation in an error answer: one line, bounded, without the token. */
    String message(HttpResponse<String> response) {
        return ForgeMessage.of(response.body(), token);
    }

    /**
     * The repository's path: {@code /repos/owner/name} (GitHub, Gitea), {@code /projects/group%2Fname} (GitLab).
     *
     * @throws SlipwayException with {@link ErrorCode#USAGE} when a GitHub or Gitea name is not owner/name
     */
    String repoPath(String repo) {
        if (forge == Forge.GITLAB) {
            return "/projects/" + segment(repo);
        }
        String[] parts = repo.split("/");
        if (parts.length != 2) {
            throw new SlipwayException(ErrorCode.USAGE, forge.displayName() + " repository '" + repo
                    + "' is not owner/name");
        }
        return "/repos/" + segment(parts[0]) + "/" + segment(parts[1]);
    }

    /** Percent-encodes one path segment; a GitLab project path's slashes become {@code %2F}. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
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
    static String where(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
        return forge.id() + " " + where(apiBase) + ", token=***, timeout=" + timeout;
    }
}
