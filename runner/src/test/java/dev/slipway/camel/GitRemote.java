package dev.slipway.camel;

import dev.slipway.testing.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bare "origin" repository and a working clone driven by the {@code git} command line, as a developer
 * pushes: the base branch holds the repository's own migrations, pull requests are pushed to
 * {@code refs/pull/<n>/head} the way GitHub keeps them.
 */
final class GitRemote {

    private final Path origin;
    private final Path work;

    private String pullRequestRef = "refs/pull/%d/head";

    private GitRemote(Path origin, Path work) {
        this.origin = origin;
        this.work = work;
    }

    /** An origin whose {@code main} holds {@code migrations/flyway} copied from the repository. */
    static GitRemote withMigrations(Path dir, Path flywayMigrations) {
        GitRemote r = new GitRemote(dir.resolve("origin.git"), dir.resolve("work"));
        run(dir, "git", "init", "-q", "--bare", "-b", "main", r.origin.toString());
        run(dir, "git", "clone", "-q", r.origin.toString(), r.work.toString());
        r.git("config", "user.email", "dev@example.test");
        r.git("config", "user.name", "Dev");
        r.git("checkout", "-q", "-b", "main");
        FileTrees.copy(flywayMigrations, r.work.resolve("migrations/flyway"));
        r.commitAll("base migrations");
        r.git("push", "-q", "origin", "main");
        return r;
    }

    String url() {
        return origin.toString();
    }

    /** Makes the origin unreachable (moved away) or reachable again. */
    void reachable(boolean yes) {
        Path away = origin.resolveSibling("origin-away.git");
        try {
            if (yes) {
                java.nio.file.Files.move(away, origin);
            } else {
                java.nio.file.Files.move(origin, away);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pushes pull requests where GitLab keeps merge requests, {@code refs/merge-requests/N/head}. */
    GitRemote asGitLab() {
        pullRequestRef = "refs/merge-requests/%d/head";
        return this;
    }

    /** Commits {@code files} on a branch from main and pushes it as pull request {@code n}; returns the head sha. */
    String openPullRequest(int n, String branch, Map<String, String> files) {
        git("checkout", "-q", "-B", "pr" + n, "main");
        return pushToPullRequest(n, files, "open " + branch);
    }

    /** Adds a commit to pull request {@code n}'s branch and pushes it; returns the new head sha. */
    String pushToPullRequest(int n, Map<String, String> files, String message) {
        git("checkout", "-q", "pr" + n);
        files.forEach((path, text) -> write(work.resolve(path), text));
        commitAll(message);
        git("push", "-q", "-f", "origin", "HEAD:" + pullRequestRef.formatted(n));
        return head();
    }

    /** Commits {@code files} on main and pushes it, as a change merged before the pull requests. */
    void pushToMain(Map<String, String> files, String message) {
        git("checkout", "-q", "main");
        files.forEach((path, text) -> write(work.resolve(path), text));
        commitAll(message);
        git("push", "-q", "origin", "main");
    }

    /** Merges pull request {@code n} into main and pushes main. */
    void merge(int n) {
        git("checkout", "-q", "main");
        git("merge", "-q", "--no-ff", "-m", "merge #" + n, "pr" + n);
        git("push", "-q", "origin", "main");
    }

    String head() {
        return git("rev-parse", "HEAD").trim();
    }

    private void commitAll(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    private String git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return run(work, cmd.toArray(String[]::new));
    }

    private static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
