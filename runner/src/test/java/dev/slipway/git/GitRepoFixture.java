package dev.slipway.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A bare origin repository and a working clone of it, driven with the {@code git} command line as a user
 * would: commit, push to any ref, delete a remote ref; and mirrors of the origin. Register with
 * {@code @RegisterExtension}; each test gets a fresh pair and cache folder, deleted afterwards. Ref names with Unicode need the JVM to run in a UTF-8 locale.
 */
final class GitRepoFixture implements BeforeEachCallback, AfterEachCallback {

    private static final Map<String, String> ENV = Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null",
            "GIT_TERMINAL_PROMPT", "0", "GIT_AUTHOR_NAME", "Slipway Test", "GIT_AUTHOR_EMAIL", "test@slipway.dev",
            "GIT_COMMITTER_NAME", "Slipway Test", "GIT_COMMITTER_EMAIL", "test@slipway.dev");

    /** The first migration {@link #pushMain()} commits. */
    static final String V1 = "migrations/flyway/V1__init.sql";

    private Path root;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("slipway-git-");
        run(root, "git", "init", "-q", "--bare", "-b", "main", origin().toString());
        run(root, "git", "clone", "-q", origin().toString(), work().toString());
        git("symbolic-ref", "HEAD", "refs/heads/main");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /** Commits {@link #V1} on {@code main}, pushes it and returns the commit id. */
    String pushMain() throws IOException {
        String sha = commit(V1, "create table t (id int);");
        push("refs/heads/main");
        return sha;
    }

    /** Branches from {@code main}, commits {@code migrations/flyway/<migration>}, pushes it to {@code ref}. */
    String pullRequest(String ref, String migration) throws IOException {
        branchFromMain("topic");
        String sha = commit("migrations/flyway/" + migration, "select 1;\n");
        push(ref);
        return sha;
    }

    /** A mirror of {@link #origin()} in {@link #cache()} with base branch {@code main}. */
    GitMirror mirror(RefLayout layout, String branchPrefix) {
        return GitMirror.open(source(origin().toString(), null, layout, branchPrefix));
    }

    /** A source with base branch {@code main}, cached in {@link #cache()}. */
    GitSource source(String url, String token, RefLayout layout, String branchPrefix) {
        return new GitSource(url, token, layout, branchPrefix, "main", cache(), Duration.ofSeconds(20));
    }

    /** Where {@link #mirror} keeps its bare repository. */
    Path cache() {
        return root.resolve("cache");
    }

    /** The bare repository the mirror fetches from. */
    Path origin() {
        return root.resolve("origin.git");
    }

    /** The working clone commits are made in. */
    Path work() {
        return root.resolve("work");
    }

    /** Writes {@code content} to {@code path} in the clone, commits everything and returns the new commit id. */
    String commit(String path, String content) throws IOException {
        Path file = work().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return commitAll("add " + path);
    }

    /** Commits every change in the clone and returns the new commit id. */
    String commitAll(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD");
    }

    /** {@code git push --force origin HEAD:<ref>}. */
    void push(String ref) {
        git("push", "-q", "--force", "origin", "HEAD:" + ref);
    }

    /** {@code git push origin --delete <ref>}. */
    void deleteRemote(String ref) {
        git("push", "-q", "origin", "--delete", ref);
    }

    /** Makes {@code branch} the origin's default branch, as a forge's settings would; the old one can then be deleted. */
    void setDefaultBranch(String branch) {
        run(root, "git", "--git-dir=" + origin(), "symbolic-ref", "HEAD", "refs/heads/" + branch);
    }

    /** Starts branch {@code name} at the tip of {@code main} and checks it out. */
    void branchFromMain(String name) {
        git("checkout", "-q", "-B", name, "main");
    }

    /** The refs of the repository at {@code gitDir}, as {@code git for-each-ref} lists them. */
    List<String> refs(Path gitDir) {
        String out = run(root, "git", "--git-dir=" + gitDir, "for-each-ref", "--format=%(refname)");
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** The regular files under {@code dir}, as paths relative to it. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString()).toList();
        }
    }

    /** Runs {@code git args} in the clone and returns its standard output, trimmed. */
    String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(work(), command.toArray(String[]::new));
    }

    private static String run(Path dir, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(ENV);
            builder.environment().put("HOME", dir.toString());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
            assertThat(process.exitValue()).as("%s failed: %s", List.of(command), out).isZero();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + List.of(command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + List.of(command), e);
        }
    }
}
