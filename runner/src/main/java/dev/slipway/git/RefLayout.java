package dev.slipway.git;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Where a forge keeps the head commit of each pull request, and so which refs a mirror fetches and how a ref
 * name reads as a pull request id.
 */
public enum RefLayout {
    /** {@code refs/pull/<n>/head}; GitHub keeps it after the pull request is closed. */
    GITHUB("refs/pull/", "/head"),
    /** {@code refs/merge-requests/<n>/head}. */
    GITLAB("refs/merge-requests/", "/head"),
    /** {@code refs/heads/<prefix><name>}: every branch under a prefix, such as {@code preview/}, is a pull request. */
    BRANCH_PREFIX("refs/heads/", "");

    /** Pull request numbers: no sign, no leading zero, so that one number has one id. */
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]*");

    private final String root;
    private final String suffix;

    RefLayout(String root, String suffix) {
        this.root = root;
        this.suffix = suffix;
    }

    /** Where the pull request refs live, e.g. {@code refs/pull/} or {@code refs/heads/preview/}. */
    String namespace(String branchPrefix) {
        return this == BRANCH_PREFIX ? root + branchPrefix : root;
    }

    /** The forced refspec that copies every pull request head ref of this layout under the same name. */
    String refSpec(String branchPrefix) {
        String pattern = namespace(branchPrefix) + "*" + suffix;
        return "+" + pattern + ":" + pattern;
    }

    /**
     * The pull request id {@code ref} names: the number, or for {@link #BRANCH_PREFIX} the branch name after the
     * prefix, verbatim. {@code null} when the ref is not a pull request head of this layout.
     */
    String idOf(String ref, String branchPrefix) {
        String namespace = namespace(branchPrefix);
        if (!ref.startsWith(namespace) || !ref.endsWith(suffix) || ref.length() <= namespace.length() + suffix.length()) {
            return null;
        }
        String id = ref.substring(namespace.length(), ref.length() - suffix.length());
        return this == BRANCH_PREFIX || NUMBER.matcher(id).matches() ? id : null;
    }

    /** Numbers in numeric order, branch names in text order. */
    Comparator<String> idOrder() {
        Comparator<String> text = Comparator.naturalOrder();
        return this == BRANCH_PREFIX ? text : Comparator.comparingInt(String::length).thenComparing(text);
    }
}
