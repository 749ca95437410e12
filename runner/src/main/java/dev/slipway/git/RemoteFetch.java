package dev.slipway.git;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the base branch and the pull request refs of a {@link GitSource} into a repository: forced, pruned,
 * without tags, with the source's timeout and token. Every transport failure becomes a
 * {@link GitUnavailableException}.
 */
final class RemoteFetch {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteFetch.class);
    private static final Set<String> SSH_SCHEMES = Set.of("ssh", "git+ssh", "ssh+git");
    private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

    private final GitSource source;
    private final URIish uri;

    /**
     * @throws SlipwayException {@link ErrorCode#CONFIG_INVALID} when the URL does not parse
     * @throws GitUnavailableException for an SSH URL when no JGit SSH transport is on the classpath
     */
    RemoteFetch(GitSource source) {
        this.source = source;
        this.uri = parse(source);
        if (isSsh() && SshSessionFactory.getInstance() == null) {
            throw new GitUnavailableException(source.redactedUrl(), "cannot fetch from " + source.redactedUrl()
                    + ": SSH is not supported yet; use an https:// URL with a token, or a local path", null);
        }
        if (source.token() != null && !isHttp()) {
            LOG.warn("git source {}: the token is only sent over HTTP(S) and is ignored here", source.redactedUrl());
        }
    }

    /**
     * Fetches into {@code repo}, deleting local refs whose remote ref is gone.
     *
     * @return whether the remote has the base branch (when it has not, the base ref is left to the caller)
     * @throws GitUnavailableException when the remote cannot be read
     */
    boolean run(Repository repo) {
        try (Transport transport = Transport.open(repo, uri)) {
            configure(transport);
            List<RefSpec> specs = refSpecs();
            boolean hasBase = advertises(transport, specs, source.baseRef());
            transport.fetch(NullProgressMonitor.INSTANCE, hasBase ? specs : specs.subList(1, specs.size()));
            return hasBase;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private void configure(Transport transport) {
        transport.setTimeout(source.timeoutSeconds());
        transport.setRemoveDeletedRefs(true);
        transport.setTagOpt(TagOpt.NO_TAGS);
        transport.setCheckFetchedObjects(true);
        if (source.token() != null && isHttp()) {
            transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user(), source.token()));
        }
    }

    /** The base branch first, then the layout's pull request refs. */
    private List<RefSpec> refSpecs() {
        List<RefSpec> specs = new ArrayList<>();
        specs.add(new RefSpec("+" + source.baseRef() + ":" + source.baseRef()));
        specs.add(new RefSpec(source.layout().refSpec(source.branchPrefix())));
        return specs;
    }

    /** A fetch of a branch the remote lacks fails as a whole, so the base branch is looked up first. */
    private static boolean advertises(Transport transport, List<RefSpec> specs, String ref) throws IOException {
        try (FetchConnection connection = transport.openFetch(specs)) {
            return connection.getRef(ref) != null;
        }
    }

    private String user() {
        if (uri.getUser() != null && !uri.getUser().isEmpty()) {
            return uri.getUser();
        }
        return source.layout() == RefLayout.GITLAB ? "oauth2" : "x-access-token";
    }

    private boolean isSsh() {
        String scheme = uri.getScheme();
        return scheme == null ? uri.getHost() != null : SSH_SCHEMES.contains(scheme.toLowerCase());
    }

    private boolean isHttp() {
        return uri.getScheme() != null && HTTP_SCHEMES.contains(uri.getScheme().toLowerCase());
    }

    private boolean isLocal() {
        return uri.getScheme() == null ? uri.getHost() == null : "file".equalsIgnoreCase(uri.getScheme());
    }

    private GitUnavailableException unavailable(IOException e) {
        String url = source.redactedUrl();
        String cause = GitUrls.scrub(oneLine(e), source).replaceAll("\\.$", "");
        cause = cause.startsWith(url + ": ") ? cause.substring(url.length() + 2) : cause;
        String message = "cannot fetch from " + url + ": " + cause + "; " + advice();
        return new GitUnavailableException(url, message, GitUrls.hasUserInfo(source.url()) ? null : e);
    }

    private String advice() {
        if (isLocal()) {
            boolean exists = new File(uri.getPath()).exists();
            return exists ? "check that it is a Git repository Slipway may read"
                    : "no such path; check the path of the repository";
        }
        return "check the URL, that the server is reachable within " + source.timeoutSeconds()
                + "s and that the token may read the repository";
    }

    /** The messages of {@code e} and its causes, without repeats, on one line. */
    static String oneLine(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (out.indexOf(text) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(text);
            }
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    private static URIish parse(GitSource source) {
        try {
            return new URIish(source.url());
        } catch (URISyntaxException e) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "git source " + source.redactedUrl()
                    + ": not a URL or path Git understands; expected e.g. https://github.com/owner/repo.git");
        }
    }
}
