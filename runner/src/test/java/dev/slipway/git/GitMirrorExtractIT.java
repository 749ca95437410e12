package dev.slipway.git;

import static dev.slipway.git.GitRepoFixture.V1;
import static dev.slipway.git.GitRepoFixture.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Extracting a commit's folder: exactly its files at that commit, nothing that points outside, clear refusals. */
class GitMirrorExtractIT {

    @RegisterExtension
    final GitRepoFixture repo = new GitRepoFixture();

    @TempDir
    Path temp;

    @Test
    void extractWritesExactlyTheFilesUnderTheSubPathAtThatCommit() throws IOException {
        repo.commit("README.md", "# shop\n");
        repo.commit("migrations/liquibase/changelog.yaml", "databaseChangeLog: []\n");
        repo.commit("migrations/flyway/repeatable/R__view.sql", "create view v as select 1;\n");
        String first = repo.pushMain();
        repo.commit("migrations/flyway/V2__later.sql", "select 2;\n");
        repo.push("refs/heads/main");
        Path out = temp.resolve("out");
        Files.writeString(Files.createDirectories(out.resolve("old")).resolve("V0__stale.sql"), "stale");

        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            mirror.fetch();
            assertThat(mirror.extract(first, "migrations/flyway", out)).isEqualTo(out);
            Path all = mirror.extract(first, "", temp.resolve("all"));

            assertThat(files(out)).containsExactlyInAnyOrder("V1__init.sql", "repeatable/R__view.sql");
            assertThat(out.resolve("V1__init.sql")).hasContent("create table t (id int);");
            assertThat(out.resolve("old")).doesNotExist();
            assertThat(files(all)).containsExactlyInAnyOrder("README.md", "migrations/liquibase/changelog.yaml",
                    "migrations/flyway/repeatable/R__view.sql", V1);
        }
    }

    @Test
    void extractRefusesAnUnknownCommitAndAMissingFolder() throws IOException {
        String base = repo.pushMain();
        String unknown = "0123456789abcdef0123456789abcdef01234567";
        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            mirror.fetch();

            assertThat(mirror.exists(base)).isTrue();
            assertThat(mirror.exists(unknown)).isFalse();
            assertThat(mirror.exists("main")).isFalse();
            assertRefused(() -> mirror.extract(unknown, "", temp.resolve("a")), ErrorCode.GIT_COMMIT_UNKNOWN, unknown,
                    "fetch first");
            assertRefused(() -> mirror.extract("HEAD", "", temp.resolve("b")), ErrorCode.GIT_COMMIT_UNKNOWN,
                    "'HEAD' is not a commit id");
            assertRefused(() -> mirror.extract(base, "migrations/nope", temp.resolve("c")), ErrorCode.LOCATION_INVALID,
                    "'migrations/nope'", "does not exist at commit " + base);
            assertRefused(() -> mirror.extract(base, "../etc", temp.resolve("d")), ErrorCode.LOCATION_INVALID,
                    "not a relative folder");
            assertRefused(() -> mirror.extract(base, V1, temp.resolve("e")), ErrorCode.LOCATION_INVALID, "is a file");
        }
    }

    @Test
    void extractWritesNoSymbolicLinks() throws IOException {
        repo.commit(V1, "select 1;\n");
        Files.createSymbolicLink(repo.work().resolve("migrations/flyway/V2__passwd.sql"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(repo.work().resolve("migrations/flyway/up"), Path.of("../.."));
        String sha = repo.commitAll("add links");
        repo.push("refs/heads/main");

        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            mirror.fetch();
            Path dir = mirror.extract(sha, "migrations/flyway", temp.resolve("out"));

            assertThat(files(dir)).containsExactly("V1__init.sql");
            assertThat(Files.exists(dir.resolve("V2__passwd.sql"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(Files.exists(dir.resolve("up"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
    }

    @Test
    void fileReadsOneRegularFileAtThatCommitAndNothingElse() throws IOException {
        repo.commit("migrations/masking.yaml", "tables: {}\n");
        String first = repo.pushMain();
        repo.commit("migrations/masking.yaml", "tables: {t: {keep_all: true}}\n");
        Files.createSymbolicLink(repo.work().resolve("migrations/link.yaml"), Path.of("/etc/passwd"));
        String second = repo.commitAll("rules and a link");
        repo.push("refs/heads/main");

        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            mirror.fetch();
            assertThat(new String(mirror.file(first, "migrations/masking.yaml"), StandardCharsets.UTF_8))
                    .isEqualTo("tables: {}\n");
            assertThat(new String(mirror.file(second, "migrations/masking.yaml"), StandardCharsets.UTF_8))
                    .isEqualTo("tables: {t: {keep_all: true}}\n");
            assertThat(mirror.file(first, "migrations/nope.yaml")).isNull();
            assertThat(mirror.file(second, "migrations")).as("a folder").isNull();
            assertThat(mirror.file(second, "migrations/link.yaml")).as("a symbolic link").isNull();
            assertRefused(() -> mirror.file(second, "../etc/passwd"), ErrorCode.LOCATION_INVALID, "not a relative");
        }
    }

    private static void assertRefused(Runnable call, ErrorCode code, String... fragments) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(fragments);
        });
    }
}
