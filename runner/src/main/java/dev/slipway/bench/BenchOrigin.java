package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The serve bench's Git "origin": a bare repository whose {@code main} holds the repository's own Flyway
 * migrations, and pull requests pushed to {@code refs/pull/<n>/head} the way GitHub keeps them. Written with
 * JGit through a working clone next to it. Not thread-safe.
 */
final class BenchOrigin implements AutoCloseable {

    static final String MIGRATIONS = "migrations/flyway";
    private static final PersonIdent DEV = new PersonIdent("Bench Dev", "dev@example.test");

    private final Path bare;
    private final Git work;
    private final String baseSha;

    private BenchOrigin(Path bare, Git work, String baseSha) {
        this.bare = bare;
        this.work = work;
        this.baseSha = baseSha;
    }

    /** A new origin in {@code dir} whose {@code main} holds the files of {@code flywayMigrations}. */
    static BenchOrigin create(Path dir, Path flywayMigrations) {
        try {
            Path bare = dir.resolve("origin.git");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            Git work = Git.init().setInitialBranch("main").setDirectory(dir.resolve("work").toFile()).call();
            copyTree(flywayMigrations, work.getRepository().getWorkTree().toPath().resolve(MIGRATIONS));
            String sha = commit(work, "base migrations");
            push(work, bare, "refs/heads/main:refs/heads/main");
            return new BenchOrigin(bare, work, sha);
        } catch (GitAPIException | IOException e) {
            throw failure("create the bench's Git origin in " + dir, e);
        }
    }

    /** The origin's location, as serve's {@code repository.url}. */
    String url() {
        return bare.toString();
    }

    /** The head of {@code main}. */
    String baseSha() {
        return baseSha;
    }

    /** Commits {@code files} (path → text) on a branch from main and pushes it as pull request {@code n}; returns its head. */
    String openPullRequest(int n, Map<String, String> files) {
        try {
            work.checkout().setName("main").call();
            work.checkout().setCreateBranch(true).setName("pr" + n).call();
            Path tree = work.getRepository().getWorkTree().toPath();
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.createDirectories(tree.resolve(f.getKey()).getParent());
                Files.writeString(tree.resolve(f.getKey()), f.getValue());
            }
            String sha = commit(work, "pull request " + n);
            push(work, bare, "refs/heads/pr" + n + ":refs/pull/" + n + "/head");
            return sha;
        } catch (GitAPIException | IOException e) {
            throw failure("push pull request " + n + " to the bench's Git origin", e);
        }
    }

    private static String commit(Git git, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        RevCommit c = git.commit().setMessage(message).setAuthor(DEV).setCommitter(DEV).setSign(false).call();
        return c.getName();
    }

    private static void push(Git git, Path bare, String refSpec) throws GitAPIException {
        git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec(refSpec)).setForce(true).call();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static SlipwayException failure(String what, Exception e) {
        return new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        work.close();
    }
}
