package dev.slipway.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The demo's Git repository, made with JGit: a bare origin whose {@code main} holds the repository's
 * migrations, and a working clone that pushes pull requests to {@code refs/pull/<n>/head} as GitHub keeps them.
 */
final class DemoRepository {

    private static final PersonIdent AUTHOR = new PersonIdent("Slipway demo", "demo@example.com");
    private final Path origin;
    private final Git work;

    private DemoRepository(Path origin, Git work) {
        this.origin = origin;
        this.work = work;
    }

    static DemoRepository create(Path dir, Path flyway) {
        try {
            Path origin = dir.resolve("origin.git");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(origin.toFile()).call().close();
            Git work = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(dir.resolve("work").toFile()).call();
            DemoRepository r = new DemoRepository(origin, work);
            r.copy(flyway, dir.resolve("work/migrations/flyway"));
            r.commit("the shop's migrations");
            if (!"main".equals(work.getRepository().getBranch())) {
                work.branchCreate().setName("main").call();
            }
            work.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
            return r;
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("the demo cannot create its Git repository: " + e.getMessage(), e);
        }
    }

    String url() {
        return origin.toString();
    }

    /** A branch from main with one new file, pushed as pull request {@code n}; returns the head commit. */
    String openPullRequest(int n, String branch, String path, String text) {
        try {
            work.checkout().setName("main").call();
            work.checkout().setCreateBranch(true).setName(branch).call();
            return pushToPullRequest(n, path, text);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code path} on the current pull request branch, commits and pushes; returns the head commit. */
    String pushToPullRequest(int n, String path, String text) {
        try {
            Path file = work.getRepository().getWorkTree().toPath().resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            String sha = commit("pull request " + n);
            work.push().setRefSpecs(new RefSpec("+HEAD:refs/pull/" + n + "/head")).setForce(true).call();
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merges pull request {@code n}'s head into main and pushes main. */
    void merge(int n) {
        try {
            work.fetch().setRefSpecs(new RefSpec("+refs/pull/" + n + "/head:refs/remotes/pull/" + n)).call();
            work.checkout().setName("main").call();
            work.merge().include(work.getRepository().resolve("refs/remotes/pull/" + n))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).setMessage("merge #" + n).call();
            work.push().setRefSpecs(new RefSpec("main:refs/heads/main")).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private String commit(String message) throws GitAPIException {
        work.add().addFilepattern(".").call();
        return work.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call().getName();
    }

    private void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
