package dev.slipway.git;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bare local mirror of the watched repository: it fetches the base branch and the pull request refs of the
 * source's {@link RefLayout}, lists which pull requests are open, and extracts a commit's files for a run.
 *
 * <p><b>Open or merged.</b> A pull request whose head commit is reachable from the base branch's head is reported
 * as merged, any other as open. That is all polling refs can know: GitHub keeps {@code refs/pull/N/head} after a
 * pull request is closed without merging, so such a pull request stays open here until its ref goes; only the
 * forge's webhooks tell a close. A head pushed without a commit of its own (still at a base commit) reads as merged.
 *
 * <p><b>Threads.</b> {@link #fetch()} calls are serialized; {@link #extract} and {@link #exists} may run at the
 * same time as a fetch, since a fetch only adds objects and moves refs. Several mirrors may share a cache folder
 * in turn: a second one opened on it sees what the first fetched.
 */
public final class GitMirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitMirror.class);

    private final GitSource source;
    private final Repository repo;
    private final RemoteFetch remote;
    private final Object fetchLock = new Object();

    private GitMirror(GitSource source, Repository repo, RemoteFetch remote) {
        this.source = source;
        this.repo = repo;
        this.remote = remote;
    }

    /**
     * Opens the bare mirror in {@code source.cacheDir()}, creating it when the folder is missing or empty. Does
     * not touch the network.
     *
     * @throws SlipwayException {@link ErrorCode#CONFIG_INVALID} when the URL does not parse or the cache folder
     *                          holds something else than a bare repository
     * @throws GitUnavailableException for an SSH URL: SSH is not supported yet
     */
    public static GitMirror open(GitSource source) {
        RemoteFetch remote = new RemoteFetch(source);
        return new GitMirror(source, openRepository(source), remote);
    }

    /**
     * Fetches the base branch and the pull request refs, forced and pruned, then reads them. A failed fetch
     * leaves the mirror as it was.
     *
     * @throws GitUnavailableException when the remote is unreachable, refuses the credentials or times out
     */
    public FetchResult fetch() {
        synchronized (fetchLock) {
            boolean hasBase = remote.run(repo);
            try {
                if (!hasBase) {
                    deleteBaseRef();
                }
                FetchResult result = new PullRequestScan(repo, source).scan(Instant.now());
                LOG.debug("fetched {}: base {}, {} open, {} merged", source.redactedUrl(), result.baseSha(),
                        result.open().size(), result.merged().size());
                return result;
            } catch (IOException e) {
                throw broken("cannot read the refs", e);
            }
        }
    }

    /**
     * Writes the files under {@code subPath} at commit {@code sha} into {@code dir}, relative to {@code subPath}
     * ({@code migrations/flyway/V1__a.sql} becomes {@code dir/V1__a.sql}); no {@code .git}. Whatever {@code dir}
     * held before is deleted first. Only regular files are written: symbolic links and submodules are skipped, so
     * nothing written points outside {@code dir}.
     *
     * @param subPath a folder relative to the repository root, e.g. {@code migrations/flyway}; {@code ""} for all
     * @return {@code dir}
     * @throws SlipwayException {@link ErrorCode#GIT_COMMIT_UNKNOWN} when the mirror has no such commit,
     *                          {@link ErrorCode#LOCATION_INVALID} when {@code subPath} is not a folder at that commit
     */
    public Path extract(String sha, String subPath, Path dir) {
        try {
            return new CommitExtractor(repo, source).extract(sha, subPath, dir);
        } catch (IOException e) {
            throw broken("cannot extract commit " + sha + " into " + dir, e);
        }
    }

    /**
     * The content of the regular file at {@code path} in commit {@code sha}, or {@code null} when there is none.
     *
     * @throws SlipwayException {@link ErrorCode#GIT_COMMIT_UNKNOWN} when the mirror has no such commit,
     *                          {@link ErrorCode#LOCATION_INVALID} when {@code path} is not relative or the file is huge
     */
    public byte[] file(String sha, String path) {
        try {
            return new CommitExtractor(repo, source).file(sha, path);
        } catch (IOException e) {
            throw broken("cannot read " + path + " of commit " + sha, e);
        }
    }

    /** Whether the mirror holds the commit {@code sha} (a full 40-character id). */
    public boolean exists(String sha) {
        try {
            return CommitExtractor.find(repo, sha) != null;
        } catch (IOException e) {
            throw broken("cannot look up commit " + sha, e);
        }
    }

    /** Closes the local repository; the cache folder stays for the next {@link #open}. */
    @Override
    public void close() {
        repo.close();
    }

    /** The remote's URL with any credentials replaced by {@code ***}, for messages. */
    public String redactedUrl() {
        return source.redactedUrl();
    }

    @Override
    public String toString() {
        return "GitMirror[" + source.redactedUrl() + " in " + source.cacheDir() + "]";
    }

    private void deleteBaseRef() throws IOException {
        if (repo.exactRef(source.baseRef()) != null) {
            RefUpdate update = repo.updateRef(source.baseRef());
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED) {
                throw new IOException("deleting " + source.baseRef() + ", gone from the remote, returned " + result);
            }
        }
    }

    private SlipwayException broken(String what, IOException e) {
        return new SlipwayException(ErrorCode.INTERNAL, "mirror of " + source.redactedUrl() + " in "
                + source.cacheDir() + ": " + what + ": " + e.getMessage(), e);
    }

    private static Repository openRepository(GitSource source) {
        File dir = source.cacheDir().toFile();
        try {
            if (!RepositoryCache.FileKey.isGitRepository(dir, FS.DETECTED)) {
                init(source);
            }
            Repository repo = new FileRepositoryBuilder().setGitDir(dir).setBare().setMustExist(true).build();
            gcInForeground(repo);
            return repo;
        } catch (IOException | GitAPIException e) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "cannot open the mirror of " + source.redactedUrl()
                    + " in cacheDir " + source.cacheDir() + ": " + e.getMessage()
                    + "; check that cacheDir is a writable folder", e);
        }
    }

    private static void init(GitSource source) throws IOException, GitAPIException {
        Path dir = source.cacheDir();
        if (Files.exists(dir) && !isEmptyFolder(dir)) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "cacheDir " + dir + " for " + source.redactedUrl()
                    + " is neither empty nor a bare Git repository; point it at a new folder or empty it");
        }
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch(source.baseBranch()).call().close();
    }

    /**
     * JGit's automatic gc after a fetch runs on a background thread by default, which would touch the cache after
     * {@link #fetch()} returned or the mirror closed; in the foreground it runs inside the fetch, under its lock.
     */
    private static void gcInForeground(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        if (config.getBoolean(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTODETACH, true)) {
            config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
            config.save();
        }
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }
}
