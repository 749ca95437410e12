package dev.slipway.git;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the files of one folder of one commit into a directory, or reads one file: regular and executable files
 * only. Symbolic links and submodules are skipped, so nothing written can point outside the directory.
 */
final class CommitExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(CommitExtractor.class);

    /** The largest single file {@link #file} reads into memory. */
    private static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private final Repository repo;
    private final GitSource source;

    CommitExtractor(Repository repo, GitSource source) {
        this.repo = repo;
        this.source = source;
    }

    /** The commit {@code sha} names in {@code repo}, or {@code null} when it is not a full id of a commit there. */
    static RevCommit find(Repository repo, String sha) throws IOException {
        if (sha == null || !ObjectId.isId(sha)) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(ObjectId.fromString(sha));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return null;
        }
    }

    /** See {@link GitMirror#extract}. */
    Path extract(String sha, String subPath, Path dir) throws IOException {
        RevCommit commit = commit(sha);
        ObjectId tree = folder(commit, segments(subPath));
        Path root = emptied(dir);
        write(commit, tree, root);
        return dir;
    }

    /** See {@link GitMirror#file}. */
    byte[] file(String sha, String path) throws IOException {
        RevCommit commit = commit(sha);
        String relative = segments(path);
        try (TreeWalk walk = relative.isEmpty() ? null : TreeWalk.forPath(repo, relative, commit.getTree())) {
            FileMode mode = walk == null ? FileMode.MISSING : walk.getFileMode(0);
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                return null;
            }
            try {
                return repo.open(walk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(MAX_FILE_BYTES);
            } catch (LargeObjectException e) {
                throw new SlipwayException(ErrorCode.LOCATION_INVALID, "file '" + relative + "' of " + source.redactedUrl()
                        + " at commit " + commit.name() + " is larger than " + MAX_FILE_BYTES / 1024 / 1024 + " MB");
            }
        }
    }

    private RevCommit commit(String sha) throws IOException {
        if (sha == null || !ObjectId.isId(sha)) {
            throw new SlipwayException(ErrorCode.GIT_COMMIT_UNKNOWN, "'" + sha + "' is not a commit id; expected the "
                    + "full 40-character id of a commit of " + source.redactedUrl());
        }
        RevCommit commit = find(repo, sha);
        if (commit == null) {
            throw new SlipwayException(ErrorCode.GIT_COMMIT_UNKNOWN, "commit " + sha + " is not in the mirror of "
                    + source.redactedUrl() + "; fetch first, or check that it was pushed to the base branch or a "
                    + "pull request");
        }
        return commit;
    }

    /** {@code subPath} as a relative path without empty, {@code .} or {@code ..} segments; {@code ""} for the root. */
    private String segments(String subPath) {
        String path = subPath == null ? "" : subPath.replaceAll("^/+|/+$", "");
        boolean relative = path.isEmpty() || Arrays.stream(path.split("/", -1))
                .noneMatch(segment -> segment.isEmpty() || segment.equals(".") || segment.equals(".."));
        if (!relative) {
            throw invalidFolder(subPath, "is not a relative folder; expected e.g. migrations/flyway, or \"\" for all");
        }
        return path;
    }

    private ObjectId folder(RevCommit commit, String path) throws IOException {
        if (path.isEmpty()) {
            return commit.getTree();
        }
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            if (walk == null) {
                throw invalidFolder(path, "does not exist at commit " + commit.name());
            }
            if (walk.getFileMode(0) != FileMode.TREE) {
                throw invalidFolder(path, "is a file at commit " + commit.name() + ", expected a folder");
            }
            return walk.getObjectId(0);
        }
    }

    private SlipwayException invalidFolder(String path, String problem) {
        return new SlipwayException(ErrorCode.LOCATION_INVALID, "folder '" + path + "' of " + source.redactedUrl()
                + " " + problem);
    }

    /** Creates {@code dir} or deletes its content, without following links; returns its real path. */
    private static Path emptied(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toRealPath();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                deleteTree(child);
            }
        }
        return root;
    }

    private static void deleteTree(Path path) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void write(RevCommit commit, ObjectId tree, Path root) throws IOException {
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    writeFile(walk.getObjectId(0), inside(root, walk.getPathString()), mode);
                } else {
                    LOG.warn("skipped {} at commit {} of {}: only regular files are extracted, not {}",
                            walk.getPathString(), commit.name(), source.redactedUrl(), describe(mode));
                }
            }
        }
    }

    private void writeFile(ObjectId blob, Path target, FileMode mode) throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            repo.open(blob, Constants.OBJ_BLOB).copyTo(out);
        }
        if (mode == FileMode.EXECUTABLE_FILE && !target.toFile().setExecutable(true)) {
            LOG.debug("could not mark {} executable", target);
        }
    }

    /** {@code root/relative}, refusing a path that would land outside {@code root}. */
    private Path inside(Path root, String relative) {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "path '" + relative + "' in " + source.redactedUrl()
                    + " would be written outside " + root + "; refusing to extract it");
        }
        return target;
    }

    private static String describe(FileMode mode) {
        if (mode == FileMode.SYMLINK) {
            return "a symbolic link";
        }
        return mode == FileMode.GITLINK ? "a submodule" : "mode " + mode;
    }
}
