package dev.slipway.git;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A Git "origin" on the local disk, written with JGit, for the demo and the serve bench: a bare repository whose
 * {@code main} holds a copy of Flyway migrations, and a working clone that pushes pull requests to
 * {@code refs/pull/<n>/head}, where GitHub keeps them. Not thread-safe.
 */
public final class LocalOrigin implements AutoCloseable {

    /** Where the migrations live inside the repository. */
    public static final String MIGRATIONS = "migrations/flyway";

    private final Path bare;
    private final Git work;
    private final PersonIdent author;
    private final String baseSha;

    private LocalOrigin(Path bare, Git work, PersonIdent author, String baseSha) {
        this.bare = bare;
        this.work = work;
        this.author = author;
        this.baseSha = baseSha;
    }

    /** A new origin in {@code dir} ({@code origin.git} and {@code work}) whose {@code main} holds {@code flyway}'s files. */
    public static LocalOrigin create(Path dir, Path flyway, String authorName) {
        return create(dir, flyway, Map.of(), authorName);
    }

    /** As {@link #create(Path, Path, String)}, with {@code files} (path → text) beside the migrations in main's first commit. */
    public static LocalOrigin create(Path dir, Path flyway, Map<String, String> files, String authorName) {
        PersonIdent author = new PersonIdent(authorName, "slipway@example.test");
        try {
            Path bare = dir.resolve("origin.git");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            Git work = Git.init().setInitialBranch("main").setDirectory(dir.resolve("work").toFile()).call();
            copyTree(flyway, work.getRepository().getWorkTree().toPath().resolve(MIGRATIONS));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = work.getRepository().getWorkTree().toPath().resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue());
            }
            String sha = commit(work, author, "the base migrations");
            push(work, bare, "refs/heads/main:refs/heads/main");
            return new LocalOrigin(bare, work, author, sha);
        } catch (GitAPIException | IOException e) {
            throw failureIn("create a Git origin in " + dir, e);
        }
    }

    /** The origin's location, as serve's {@code repository.url}. */
    public String url() {
        return bare.toString();
    }

    /** The first head of {@code main}. */
    public String baseSha() {
        return baseSha;
    }

    /** Commits {@code files} (path → text) on branch {@code pr<n>} from main, pushed as pull request {@code n}; returns its head. */
    public String openPullRequest(int n, Map<String, String> files) {
        try {
            work.checkout().setName("main").call();
            work.checkout().setCreateBranch(true).setName("pr" + n).call();
        } catch (GitAPIException e) {
            throw failure("branch pull request " + n + " from main", e);
        }
        return pushToPullRequest(n, files);
    }

    /** Commits {@code files} on pull request {@code n}'s branch and pushes it; returns the new head. */
    public String pushToPullRequest(int n, Map<String, String> files) {
        try {
            work.checkout().setName("pr" + n).call();
            Path tree = work.getRepository().getWorkTree().toPath();
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.createDirectories(tree.resolve(f.getKey()).getParent());
                Files.writeString(tree.resolve(f.getKey()), f.getValue());
            }
            String sha = commit(work, author, "pull request " + n);
            push(work, bare, "refs/heads/pr" + n + ":refs/pull/" + n + "/head");
            return sha;
        } catch (GitAPIException | IOException e) {
            throw failure("push pull request " + n, e);
        }
    }

    /** Merges pull request {@code n} into main (no fast-forward) and pushes main. */
    public void merge(int n) {
        try {
            work.checkout().setName("main").call();
            work.merge().include(work.getRepository().resolve("refs/heads/pr" + n))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).setMessage("merge #" + n).call();
            push(work, bare, "refs/heads/main:refs/heads/main");
        } catch (GitAPIException | IOException e) {
            throw failure("merge pull request " + n, e);
        }
    }

    private static String commit(Git git, PersonIdent author, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call().getName();
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

    private SlipwayException failure(String what, Exception e) {
        return new SlipwayException(ErrorCode.INTERNAL, "cannot " + what + " (local Git origin " + bare + "): "
                + e.getMessage(), e);
    }

    private static SlipwayException failureIn(String what, Exception e) {
        return new SlipwayException(ErrorCode.INTERNAL, "cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        work.close();
    }
}
