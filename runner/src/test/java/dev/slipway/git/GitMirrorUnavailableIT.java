package dev.slipway.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.ErrorCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A remote that cannot be read: a clear {@link GitUnavailableException} without secrets, and a mirror that lives on. */
class GitMirrorUnavailableIT {

    private static final String TOKEN = "ghs_s3cr3tT0ken";

    @RegisterExtension
    final GitRepoFixture repo = new GitRepoFixture();

    @Test
    void aPathThatIsNoRepositoryIsUnavailable() {
        Path nowhere = repo.origin().resolveSibling("nowhere.git");
        try (GitMirror mirror = GitMirror.open(repo.source(nowhere.toString(), null, RefLayout.GITHUB, null))) {
            assertThatThrownBy(mirror::fetch).isInstanceOfSatisfying(GitUnavailableException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.GIT_UNAVAILABLE);
                assertThat(e.exitCode()).isEqualTo(3);
                assertThat(e.getMessage()).startsWith("cannot fetch from " + nowhere + ": not found; ")
                        .contains("check the path");
            });
        }
    }

    @Test
    void aClosedHttpPortIsUnavailableAndTheMessageHoldsNoToken() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/x.git";
        try (GitMirror mirror = GitMirror.open(repo.source(url, TOKEN, RefLayout.GITHUB, null))) {
            GitUnavailableException e = fetchFailure(mirror);

            assertThat(e.getMessage()).startsWith("cannot fetch from " + url + ": ").contains("reachable")
                    .doesNotContain(TOKEN, "\n");
        }
    }

    @ParameterizedTest
    @CsvSource({"GITHUB, x-access-token", "GITLAB, oauth2"})
    void aRefusedTokenIsUnavailableAfterBeingSentAsThePassword(RefLayout layout, String user) throws IOException {
        List<String> sent = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> refuse(exchange, sent));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/acme/shop.git";
        try (GitMirror mirror = GitMirror.open(repo.source(url, TOKEN, layout, null))) {
            GitUnavailableException e = fetchFailure(mirror);

            assertThat(e.getMessage()).startsWith("cannot fetch from " + url + ": ").contains("not authorized")
                    .doesNotContain(TOKEN);
            assertThat(sent).contains("Basic " + Base64.getEncoder().encodeToString((user + ":" + TOKEN).getBytes(
                    StandardCharsets.UTF_8)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void userInfoInTheUrlIsRedactedFromTheMessageAndTheStackTrace() throws IOException {
        int port = closedPort();
        String url = "http://bot:hunter2@127.0.0.1:" + port + "/x.git";
        try (GitMirror mirror = GitMirror.open(repo.source(url, TOKEN, RefLayout.GITHUB, null))) {
            GitUnavailableException e = fetchFailure(mirror);

            assertThat(e.redactedUrl()).isEqualTo("http://***@127.0.0.1:" + port + "/x.git");
            assertThat(e.getMessage()).contains(e.redactedUrl());
            assertThat(stackTrace(e)).doesNotContain("hunter2", TOKEN);
        }
    }

    @Test
    void theMirrorSurvivesAFailedFetch() throws IOException {
        repo.pushMain();
        String one = repo.pullRequest("refs/pull/1/head", "V2__one.sql");
        Path away = repo.origin().resolveSibling("moved-away.git");
        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            mirror.fetch();
            Files.move(repo.origin(), away);
            assertThatThrownBy(mirror::fetch).isInstanceOf(GitUnavailableException.class);
            assertThat(mirror.exists(one)).isTrue();
            Files.move(away, repo.origin());

            assertThat(mirror.fetch().open()).containsExactly(new OpenPullRequest("1", one, "refs/pull/1/head"));
        }
    }

    @Test
    void sshUrlsAreRefusedUntilSupported() {
        for (String url : List.of("ssh://git@example.com/owner/repo.git", "git@example.com:owner/repo.git")) {
            assertThatThrownBy(() -> GitMirror.open(repo.source(url, null, RefLayout.GITHUB, null)))
                    .isInstanceOf(GitUnavailableException.class)
                    .hasMessageContaining("SSH is not supported yet")
                    .hasMessageContaining("https:// URL with a token, or a local path")
                    .hasMessageContaining("***@example.com");
        }
        assertThat(repo.cache()).as("nothing created").doesNotExist();
    }

    private static void refuse(HttpExchange exchange, List<String> sent) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            sent.add(authorization);
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
    }

    private static GitUnavailableException fetchFailure(GitMirror mirror) {
        try {
            mirror.fetch();
        } catch (GitUnavailableException e) {
            return e;
        }
        throw new AssertionError("fetch succeeded");
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
